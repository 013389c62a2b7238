/**
 * Why a call to EurIA failed, said three ways: whether it is worth retrying, a short French
 * reason for the haiku file (`_(haïku de secours : <reason>)_`), and an exact English message
 * for logs, run warnings and `aime euria test`. None of them ever contains the API key.
 */

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
    /** Short, French: shown in the haiku file. */
    readonly reason: string,
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
    return new EuriaFailure('http', `clé EurIA refusée (HTTP ${status})`, `${message} (the API key is wrong or refused)`, {
      status,
    });
  }
  if (status === 404) {
    return new EuriaFailure('http', `URL ou modèle EurIA introuvable (HTTP 404)`, `${message} (check euria.url and euria.model)`, {
      status,
    });
  }
  if (status === 429) {
    return new EuriaFailure('http', 'EurIA saturé (HTTP 429)', message, { status, retryAfterMs });
  }
  if (status >= 500) {
    return new EuriaFailure('http', `EurIA indisponible (HTTP ${status})`, message, { status, retryAfterMs });
  }
  return new EuriaFailure('http', `requête refusée par EurIA (HTTP ${status})`, message, { status });
}

export function timeoutFailure(timeoutMs: number): EuriaFailure {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return new EuriaFailure('timeout', `EurIA ne répond pas (délai de ${seconds} s dépassé)`, `timed out after ${timeoutMs} ms`);
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
  const describe: Record<string, [string, string]> = {
    ECONNREFUSED: ['connexion refusée', 'connection refused'],
    ENOTFOUND: ['serveur inconnu', 'host not found'],
    EAI_AGAIN: ['DNS indisponible', 'DNS lookup failed'],
    ECONNRESET: ['connexion coupée', 'connection reset'],
    ETIMEDOUT: ['connexion expirée', 'connection timed out'],
    EHOSTUNREACH: ['hôte injoignable', 'host unreachable'],
    UND_ERR_SOCKET: ['connexion coupée', 'connection closed by the server'],
  };
  const [fr, en] = (code && describe[code]) ?? ['erreur réseau', 'network error'];
  const detail = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new EuriaFailure('network', `EurIA injoignable (${fr})`, `${en} (${host})${detail ? `: ${oneLine(detail)}` : ''}`);
}

export function invalidJsonFailure(body: string): EuriaFailure {
  return new EuriaFailure(
    'invalid-json',
    'réponse EurIA illisible',
    `invalid reply: not chat-completions JSON (${oneLine(body, 120) || 'empty body'})`,
  );
}

export function badReplyFailure(reply: string): EuriaFailure {
  return new EuriaFailure(
    'bad-reply',
    'réponse EurIA inexploitable',
    `the reply is not a three-line haiku (${oneLine(reply, 120) || 'empty'})`,
  );
}

/** The haiku file's deadline (`euria.deadline_ms`) passed before EurIA answered for this album. */
export function deadlineFailure(deadlineMs: number): EuriaFailure {
  const seconds = Math.round(deadlineMs / 100) / 10;
  return new EuriaFailure('timeout', `EurIA trop lent (fichier écrit après ${seconds} s)`, `no answer within the ${deadlineMs} ms deadline of the haiku file`);
}

export function abortedFailure(): EuriaFailure {
  return new EuriaFailure('aborted', 'génération interrompue', 'cancelled');
}

export function breakerOpenFailure(failures: number, retryInMs: number): EuriaFailure {
  const seconds = Math.max(1, Math.ceil(retryInMs / 1000));
  return new EuriaFailure(
    'breaker-open',
    `EurIA indisponible (disjoncteur ouvert après ${failures} échecs)`,
    `EurIA unavailable: circuit breaker open after ${failures} consecutive failures, next try in ${seconds} s`,
  );
}

export function invalidUrlFailure(url: string): EuriaFailure {
  return new EuriaFailure(
    'invalid-url',
    'URL EurIA invalide',
    `euria.url is not a valid http(s) URL: "${oneLine(url, 200)}" (expected e.g. https://api.infomaniak.com/2/ai/<product_id>/openai/v1/chat/completions)`,
  );
}

/** Anything thrown that is not already an EuriaFailure (a bug, an odd fetch): still a readable reason. */
export function asFailure(error: unknown, key = ''): EuriaFailure {
  if (error instanceof EuriaFailure) return error;
  const text = redact(error instanceof Error ? error.message : String(error), key);
  return new EuriaFailure('unexpected', 'erreur EurIA inattendue', `unexpected error: ${oneLine(text, 200)}`);
}
