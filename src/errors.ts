/**
 * The one base of our errors: a stable `code` for machines (JSON output, tests), and where it
 * happened when that is known, so every entry reports a failure the same way. Parsers' syntax
 * errors stay SyntaxErrors: they never leave the module that catches them.
 */
export interface ErrorPlace {
  host?: string;
  container?: string;
  phase?: string;
  cause?: unknown;
}

export class RolloutError extends Error {
  readonly host?: string;
  readonly container?: string;
  readonly phase?: string;

  constructor(
    readonly code: string,
    message: string,
    place: ErrorPlace = {},
  ) {
    super(message, place.cause === undefined ? undefined : { cause: place.cause });
    this.name = new.target.name;
    if (place.host !== undefined) this.host = place.host;
    if (place.container !== undefined) this.container = place.container;
    if (place.phase !== undefined) this.phase = place.phase;
  }
}

export function isRolloutError(error: unknown): error is RolloutError {
  return error instanceof RolloutError;
}

/** The message of anything thrown: an Error's own, anything else as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
