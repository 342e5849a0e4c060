import { Command, CommanderError } from 'commander';
import { EXIT, submitCommand, UsageError } from './submit.command';

/**
 * `judge-cli`: the online judge from a terminal, over the public API (commander). Commands:
 * `submit <file>` (the default). `npm run submit -- <file> --problem <id>` runs `submit`.
 */
async function main(argv: string[]): Promise<void> {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', (e: NodeJS.ErrnoException) => e.code === 'EPIPE' && process.exit(1));
  const output = { outputError: (text: string, write: (s: string) => void) => write(`submit: ${text.replace(/^error: /, '')}`) };
  const program = new Command('judge-cli')
    .description('the online judge from a terminal')
    .exitOverride()
    .configureOutput(output)
    .addCommand(submitCommand().exitOverride().configureOutput(output), { isDefault: true });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : EXIT.usage);
    if (e instanceof UsageError) {
      process.stderr.write(`submit: ${e.message}\n`);
      process.exit(EXIT.usage);
    }
    process.stderr.write(`submit: ${(e as Error).message ?? String(e)}\n`);
    process.exit(EXIT.usage);
  }
}

void main(process.argv);
