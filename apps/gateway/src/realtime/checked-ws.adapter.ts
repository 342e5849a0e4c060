import type { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { Observable, of } from 'rxjs';
import { jsonDepth, tooDeepMessage } from '../common/json-limits';

/** Frame sent back for a frame that cannot be handled: `{ event: "error", data: { message } }`. */
export function errorFrame(message: string): { event: 'error'; data: { message: string } } {
  return { event: 'error', data: { message } };
}

/**
 * Nest's `ws` adapter with every incoming frame checked before a handler sees it: nesting depth
 * at most `maxDepth` (scanned on the text, before JSON.parse), JSON, `{ "event": <string>, "data" }`
 * shape, a known event. Nest's own adapter drops such frames in silence; this one answers each
 * with an error frame naming the problem, and the connection stays open. (Frames over the
 * gateway's `maxPayload` are closed by `ws` with code 1009 before reaching here.)
 */
export class CheckedWsAdapter extends WsAdapter {
  constructor(app: INestApplicationContext, private readonly maxDepth: number) {
    super(app);
  }

  override bindMessageHandler(
    buffer: { data?: unknown },
    handlersMap: Map<string, MessageMappingProperties>,
    transform: (data: unknown) => Observable<unknown>,
  ): Observable<unknown> {
    const raw = buffer?.data;
    const text = Buffer.isBuffer(raw) ? raw.toString('utf8')
      : Array.isArray(raw) ? Buffer.concat(raw as Buffer[]).toString('utf8')
        : raw instanceof ArrayBuffer ? Buffer.from(raw).toString('utf8') : String(raw ?? '');
    if (jsonDepth(text, this.maxDepth) > this.maxDepth) return of(errorFrame(tooDeepMessage('frame', this.maxDepth)));
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return of(errorFrame('frame: malformed JSON; send {"event": "subscribe", "data": {"submissionId": "…"}}'));
    }
    const event = (message as { event?: unknown } | null)?.event;
    if (typeof message !== 'object' || message === null || Array.isArray(message) || typeof event !== 'string') {
      return of(errorFrame('event: a frame is a JSON object {"event": <string>, "data": <object>}'));
    }
    const handler = handlersMap.get(event);
    if (!handler) {
      const known = [...handlersMap.keys()].join(', ');
      return of(errorFrame(`event: unknown event ${JSON.stringify(event.slice(0, 64))} (known: ${known})`));
    }
    return transform(handler.callback((message as { data?: unknown }).data, event));
  }
}
