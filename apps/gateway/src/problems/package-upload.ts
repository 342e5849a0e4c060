import {
  BadRequestException, CallHandler, createParamDecorator, ExecutionContext, HttpException, Injectable, NestInterceptor, PayloadTooLargeException,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from, Observable } from 'rxjs';
import { finalize, mergeMap } from 'rxjs/operators';

/** Largest package upload, bytes (256 MiB). */
export const MAX_PACKAGE_BYTES = 256 * 1024 * 1024;

/** The multipart field that carries a problem package. */
export const PACKAGE_FIELD = 'package';

/** A package as uploaded: a temporary file (removed once the handler is done) and the name the client gave it. */
export interface UploadedPackageFile {
  path: string;
  filename: string;
}

type WithPackage = FastifyRequest & { uploadedPackage?: UploadedPackageFile };

/**
 * Reads a `multipart/form-data` body (`@fastify/multipart`) and writes its one file part, field
 * `package`, to a temporary file, which the handler gets with `@UploadedPackage()` and which is
 * removed when the handler is done, whatever it answered. To disk, not memory: the zip is then
 * read lazily, a test at a time. Other text fields are ignored; a body that is not multipart
 * leaves the package undefined (the handler says what is missing).
 * @throws PayloadTooLargeException (a file over `MAX_PACKAGE_BYTES`, more than one file),
 * BadRequestException (a file in another field, a multipart body that does not parse)
 */
@Injectable()
export class PackageUploadInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<WithPackage>();
    return from(this.receive(req)).pipe(
      mergeMap(() => next.handle()),
      finalize(() => void (req.uploadedPackage && rm(req.uploadedPackage.path, { force: true }).catch(() => undefined))),
    );
  }

  private async receive(req: WithPackage): Promise<void> {
    if (typeof req.isMultipart !== 'function' || !req.isMultipart()) return;
    try {
      for await (const part of req.parts({ limits: { fileSize: MAX_PACKAGE_BYTES, files: 1 } })) {
        if (part.type !== 'file') continue;
        if (part.fieldname !== PACKAGE_FIELD) {
          part.file.resume();
          throw new BadRequestException(`${part.fieldname}: unexpected file field; send the package as "${PACKAGE_FIELD}"`);
        }
        req.uploadedPackage = { path: join(tmpdir(), `oj-package-${randomUUID()}.zip`), filename: part.filename };
        await pipeline(part.file, createWriteStream(req.uploadedPackage.path, { mode: 0o600 }));
      }
    } catch (e) {
      if (req.uploadedPackage) await rm(req.uploadedPackage.path, { force: true }).catch(() => undefined);
      req.uploadedPackage = undefined;
      if (e instanceof HttpException) throw e;
      const { statusCode, code, message } = e as { statusCode?: number; code?: string; message?: string };
      if (statusCode === 413 || code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT') {
        throw new PayloadTooLargeException(`${PACKAGE_FIELD}: one zip of at most ${MAX_PACKAGE_BYTES} bytes (${message ?? code})`);
      }
      throw new BadRequestException(`body: malformed multipart/form-data (${message ?? String(e)})`);
    }
  }
}

/** The package `PackageUploadInterceptor` wrote (undefined when the body held none). */
export const UploadedPackage = createParamDecorator((_: unknown, ctx: ExecutionContext): UploadedPackageFile | undefined =>
  ctx.switchToHttp().getRequest<WithPackage>().uploadedPackage);
