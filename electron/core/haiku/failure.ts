/**
 * Why a call to EurIA failed, said three ways: whether it is worth retrying, a short reason in
 * plain words as a message of the catalogue (the haiku file says it in the haiku language, the
 * run's warning in the reader's), and an exact English message for logs and `aime euria test`.
 * None of them ever contains the API key.
 */
import { msg, type MessageRef } from '../../../shared/messages/index.js';

export type FailureKind =
  | 'timeout'
  | 'network'
  | 'http'
  | 'invalid-json'
  | 'bad-reply'
  | 'aborted'
  | 'breaker-open'
  | 'not-configured'
  | 'invalid-url'
  | 'unexpected';

export class EuriaFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    /** Short, plain words: shown in the haiku file and the run's warning. */
    readonly reason: MessageRef,
    /** Exact, English: logs, warnings, `aime euria test`. */
    message: string,
    readonly options: { status?: number; retryAfterMs?: number | null } = {},
  ) {
    super(message);
    this.name = 'EuriaFailure';
  }

  get status(): number | undefined {
    return this.options.status;
  }

  /** Timeouts, network errors, 429 and 5xx may pass; a wrong key, URL or model will not. */
  get retryable(): boolean {
    if (this.kind === 'timeout' || this.kind === 'network') return true;
    if (this.kind === 'http') {
      const status = this.options.status ?? 0;
      return status === 429 || status >= 500;
    }
    return false;
  }

  /** Failures that say the service itself is unwell (they feed the circuit breaker). */
  get countsAgainstService(): boolean {
    return this.kind !== 'bad-reply' && this.kind !== 'aborted' && this.kind !== 'breaker-open';
  }
}

/** Replaces every occurrence of the key (and of its Bearer header) so no message can leak it. */
export function redact(text: string, key: string): string {
  if (!key) return text;
  return text.split(key).join('***');
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The server's own error text from an OpenAI-style body ({error:{message}}, {error:"…"}, {message}, {detail}). */
export function serverErrorMessage(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) return '';
  try {
    const parsed: unknown = JSON.parse(trimmed);
    const pick = (value: unknown): string | null => {
      if (typeof value === 'string') return value;
      if (value && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        for (const key of ['message', 'detail', 'description', 'error']) {
          const found = pick(record[key]);
          if (found) return found;
        }
      }
      return null;
    };
    const found = pick(parsed);
    if (found) return oneLine(found);
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return oneLine(trimmed);
}

function oneLine(text: string, max = 300): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function httpFailure(status: number, statusText: string, body: string, retryAfterMs: number | null): EuriaFailure {
  const detail = serverErrorMessage(body);
  const label = `HTTP ${status}${statusText || STATUS_TEXT[status] ? ` ${statusText || STATUS_TEXT[status]}` : ''}`;
  const message = detail ? `${label}: ${detail}` : label;
  if (status === 401 || status === 403) {
    return new EuriaFailure('http', msg('fallback.key_refused'), `${message} (the API key is wrong or refused)`, {
      status,
    });
  }
  if (status === 404) {
    return new EuriaFailure('http', msg('fallback.not_found'), `${message} (check euria.url and euria.model)`, {
      status,
    });
  }
  if (status === 429) {
    return new EuriaFailure('http', msg('fallback.busy'), message, { status, retryAfterMs });
  }
  if (status >= 500) {
    return new EuriaFailure('http', msg('fallback.unavailable'), message, { status, retryAfterMs });
  }
  return new EuriaFailure('http', msg('fallback.refused'), message, { status });
}

export function timeoutFailure(timeoutMs: number): EuriaFailure {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return new EuriaFailure('timeout', msg('fallback.timeout', { seconds }), `timed out after ${timeoutMs} ms`);
}

/** fetch() rejects with TypeError('fetch failed') whose `cause` holds the socket error code. */
export function networkFailure(error: unknown, url: string): EuriaFailure {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  const code = cause?.code ?? (error as { code?: string } | null)?.code;
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // Keep the raw text.
  }
  const describe: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'DNS lookup failed',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    UND_ERR_SOCKET: 'connection closed by the server',
  };
  const en = (code && describe[code]) ?? 'network error';
  const detail = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new EuriaFailure('network', msg('fallback.unreachable'), `${en} (${host})${detail ? `: ${oneLine(detail)}` : ''}`);
}

export function invalidJsonFailure(body: string): EuriaFailure {
  return new EuriaFailure(
    'invalid-json',
    msg('fallback.unreadable'),
    `invalid reply: not chat-completions JSON (${oneLine(body, 120) || 'empty body'})`,
  );
}

export function badReplyFailure(reply: string): EuriaFailure {
  return new EuriaFailure(
    'bad-reply',
    msg('fallback.unusable'),
    `the reply is not a three-line haiku (${oneLine(reply, 120) || 'empty'})`,
  );
}

/** The haiku file's deadline (`euria.deadline_ms`) passed before EurIA answered for this album. */
export function deadlineFailure(deadlineMs: number): EuriaFailure {
  const seconds = Math.round(deadlineMs / 100) / 10;
  return new EuriaFailure('timeout', msg('fallback.too_slow', { seconds }), `no answer within the ${deadlineMs} ms deadline of the haiku file`);
}

export function abortedFailure(): EuriaFailure {
  return new EuriaFailure('aborted', msg('fallback.interrupted'), 'cancelled');
}

export function breakerOpenFailure(failures: number, retryInMs: number): EuriaFailure {
  const seconds = Math.max(1, Math.ceil(retryInMs / 1000));
  return new EuriaFailure(
    'breaker-open',
    msg('fallback.resting'),
    `EurIA unavailable: circuit breaker open after ${failures} consecutive failures, next try in ${seconds} s`,
  );
}

export function invalidUrlFailure(url: string): EuriaFailure {
  return new EuriaFailure(
    'invalid-url',
    msg('fallback.bad_url'),
    `euria.url is not a valid http(s) URL: "${oneLine(url, 200)}" (expected e.g. https://api.infomaniak.com/2/ai/<product_id>/openai/v1/chat/completions)`,
  );
}

/** Anything thrown that is not already an EuriaFailure (a bug, an odd fetch): still a readable reason. */
export function asFailure(error: unknown, key = ''): EuriaFailure {
  if (error instanceof EuriaFailure) return error;
  const text = redact(error instanceof Error ? error.message : String(error), key);
  return new EuriaFailure('unexpected', msg('fallback.unexpected'), `unexpected error: ${oneLine(text, 200)}`);
}
