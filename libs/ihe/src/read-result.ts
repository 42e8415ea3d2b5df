/** What every reader returns: the typed model, or why the input could not be read (errors as data). */
export type ReadResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export function readOk<T>(value: T): ReadResult<T> {
  return { ok: true, value };
}

export function readProblem<T>(problem: string): ReadResult<T> {
  return { ok: false, problem };
}
