import type { Request } from 'express';

export type BodyOutcome = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Reads the raw request body up to a byte limit. A declared or streamed size over the limit stops
 * reading at once, so an oversized body costs almost nothing.
 */
export function readBody(request: Request, limit: number): Promise<BodyOutcome> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.resolve({ ok: false, reason: 'too-large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        request.removeAllListeners('data');
        request.resume();
        settle({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => settle({ ok: true, body: Buffer.concat(chunks) }));
    request.on('error', () => settle({ ok: false, reason: 'aborted' }));
    request.on('aborted', () => settle({ ok: false, reason: 'aborted' }));
  });
}
