import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** How a file's `content` is written: text as it is, or its bytes in base64 (RFC 4648 §4). */
export const FILE_ENCODINGS = ['utf8', 'base64'] as const;
export type FileEncoding = (typeof FILE_ENCODINGS)[number];

/**
 * One file of a submission of several files (DESIGN.md, "Submissions of several files"):
 * `path` relative to the program's folder (`main.cpp`, `lib/util.h`, `com/acme/Main.java`),
 * `content` as text or base64. Any file may be in it: sources, headers, data the program reads
 * (left as they are); the judge refuses object files and binaries as CE.
 */
export interface SubmissionFile {
  path: string;
  content: string;
  /** Default `utf8`. */
  encoding?: FileEncoding;
}

/** Hard bounds on a file's fields, whatever the deployment's caps (those come from the environment). */
export const MAX_FILE_PATH_LENGTH = 255;
export const MAX_FILE_PATH_DEPTH = 8;
export const MAX_FILE_NAME_LENGTH = 100;

/**
 * A path segment: letters, digits, `_`, `.`, `-`, `+`; not starting with `.` or `-` (no hidden
 * files, nothing a compiler would read as an option, no `.` / `..`).
 */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

export class SubmissionFileDto implements SubmissionFile {
  @ApiProperty({
    example: 'lib/util.h', maxLength: MAX_FILE_PATH_LENGTH,
    description: `relative path, "/"-separated, at most ${MAX_FILE_PATH_DEPTH} segments of letters, digits, _ . - + (not starting with . or -); unique in the submission`,
  })
  @IsString() @IsNotEmpty() @MaxLength(MAX_FILE_PATH_LENGTH)
  path: string;

  @ApiProperty({ example: 'int add(int a, int b);\n', description: 'the text, or with encoding base64 the bytes in base64' })
  @IsString()
  content: string;

  @ApiPropertyOptional({ enum: FILE_ENCODINGS, default: 'utf8' })
  @IsOptional() @IsIn(FILE_ENCODINGS, { message: `encoding must be one of: ${FILE_ENCODINGS.join(', ')}` })
  encoding?: FileEncoding;
}

/** A deployment's caps on the files of one submission (SUBMISSION_MAX_FILES, SUBMISSION_MAX_FILE_BYTES, SUBMISSION_MAX_TOTAL_BYTES). */
export interface SubmissionFileCaps {
  maxFiles: number;
  /** Bytes of one file, after base64 decoding. */
  maxFileBytes: number;
  /** Bytes of all files together, after decoding. */
  maxTotalBytes: number;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A file's bytes. Expects a file `submissionFilesProblem` accepted (base64 already checked). */
export function fileBytes(f: SubmissionFile): Buffer {
  return f.encoding === 'base64' ? Buffer.from(f.content, 'base64') : Buffer.from(f.content, 'utf8');
}

/** A file's size in bytes, without decoding it. */
export function fileSize(f: SubmissionFile): number {
  return Buffer.byteLength(f.encoding === 'base64' ? f.content.replace(/\s+/g, '') : f.content, f.encoding === 'base64' ? 'base64' : 'utf8');
}

/**
 * Why `files` (with `entryPoint`) cannot be accepted, naming the field
 * (`files.2.path: "../x" …`, `files.0.content: 300000 bytes, more than …`, `entryPoint: …`), or
 * null when they can. Rules: 1 to `maxFiles` files; each path relative and clean (see
 * SubmissionFileDto.path), no two alike, no file where another one's folder is; base64 content
 * valid (RFC 4648, whitespace allowed); text content without NUL (send such bytes as base64);
 * decoded sizes within `maxFileBytes` each and `maxTotalBytes` in all; `entryPoint`, when given,
 * one of the paths.
 */
export function submissionFilesProblem(files: readonly SubmissionFile[], entryPoint: string | undefined, caps: SubmissionFileCaps): string | null {
  if (files.length === 0) return 'files must hold at least one file';
  if (files.length > caps.maxFiles) return `files: ${files.length} files, more than the ${caps.maxFiles} allowed (SUBMISSION_MAX_FILES)`;
  const seen = new Set<string>();
  const folders = new Set<string>();
  let total = 0;
  for (const [i, f] of files.entries()) {
    const field = `files.${i}`;
    const segments = f.path.split('/');
    if (f.path.startsWith('/')) return `${field}.path: "${f.path}" is absolute; paths are relative to the program's folder`;
    if (f.path.length > MAX_FILE_PATH_LENGTH) return `${field}.path is longer than ${MAX_FILE_PATH_LENGTH} characters`;
    if (segments.length > MAX_FILE_PATH_DEPTH) return `${field}.path: "${f.path}" is ${segments.length} levels deep, more than ${MAX_FILE_PATH_DEPTH}`;
    const bad = segments.find((s) => s === '..' || s === '.' || s.length > MAX_FILE_NAME_LENGTH || !SEGMENT.test(s));
    if (bad !== undefined) {
      return `${field}.path: "${f.path}": ${bad === '..' || bad === '.' ? `"${bad}" is not allowed` : bad === '' ? 'empty segment (// or a trailing /)'
        : bad.length > MAX_FILE_NAME_LENGTH ? `a name longer than ${MAX_FILE_NAME_LENGTH} characters` : `"${bad}" must be letters, digits, _ . - + and not start with . or -`}`;
    }
    if (seen.has(f.path)) return `${field}.path: "${f.path}" is given twice`;
    if (folders.has(f.path)) return `${field}.path: "${f.path}" is also a folder of another file`;
    for (let d = 1; d < segments.length; d++) {
      const folder = segments.slice(0, d).join('/');
      if (seen.has(folder)) return `${field}.path: "${f.path}" is inside "${folder}", which is a file`;
      folders.add(folder);
    }
    seen.add(f.path);
    let bytes: number;
    if (f.encoding === 'base64') {
      const compact = f.content.replace(/\s+/g, '');
      if (!BASE64.test(compact)) return `${field}.content is not valid base64 (encoding base64)`;
      bytes = fileSize({ ...f, content: compact });
    } else {
      if (f.content.includes('\u0000')) return `${field}.content must not contain NUL characters (\\u0000): send such a file with encoding base64`;
      bytes = fileSize(f);
    }
    if (bytes > caps.maxFileBytes) return `${field}.content: ${bytes} bytes, more than the ${caps.maxFileBytes} allowed per file (SUBMISSION_MAX_FILE_BYTES)`;
    total += bytes;
  }
  if (total > caps.maxTotalBytes) return `files: ${total} bytes in all, more than the ${caps.maxTotalBytes} allowed (SUBMISSION_MAX_TOTAL_BYTES)`;
  if (entryPoint !== undefined && !seen.has(entryPoint)) return `entryPoint: "${entryPoint}" is not the path of one of the files`;
  return null;
}
