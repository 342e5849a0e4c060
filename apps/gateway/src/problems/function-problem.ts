import { BadRequestException } from '@nestjs/common';
import type { CreateProblemDto } from '@app/contracts';
import { checkHarnessSpec, checkTestData, HarnessSpec, isFunctionProblem, TestDataError } from '@app/harness';

/**
 * Checks a function problem's declaration (DESIGN.md, "Function problems"): its `function` or
 * `class`, and that its checker is the default one (results are compared as JSON).
 * @returns the spec, or null for an ordinary problem.
 * @throws BadRequestException naming each faulty field (`prefix` first, e.g. "package: ").
 */
export function functionSpecOf(dto: Pick<CreateProblemDto, 'function' | 'class' | 'checker'>, prefix = ''): HarnessSpec | null {
  const spec = { function: dto.function, class: dto.class } as HarnessSpec;
  const errors = checkHarnessSpec(spec);
  if (errors.length) throw new BadRequestException(errors.map((e) => prefix + e));
  if (!isFunctionProblem(spec)) return null;
  if (dto.checker && dto.checker.type !== 'tokens') {
    throw new BadRequestException(`${prefix}checker.type: function problems compare the returned JSON (doubles within 1e-5, anyOrder); leave checker out`);
  }
  return spec;
}

/**
 * Checks test `index` (0-based) of a function problem against its signature.
 * @throws BadRequestException "tests.<index>: input line 2 (target: int): …".
 */
export function checkFunctionTest(spec: HarnessSpec, index: number, input: string, output: string, prefix = ''): void {
  try {
    checkTestData(spec, input, output);
  } catch (e) {
    if (e instanceof TestDataError) throw new BadRequestException(`${prefix}tests.${index}: ${e.message}`);
    throw e;
  }
}
