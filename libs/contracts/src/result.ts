import { ContractError } from './errors';

/** The reply shape of every request/reply subject. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: ContractError): Result<T> {
  return { ok: false, error };
}
