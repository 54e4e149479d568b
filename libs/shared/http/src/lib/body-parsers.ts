import { parse as parseQs } from 'qs';
import { type FastifyInstance } from 'fastify';

/**
 * A body that could not be decoded. Parsing never fails the request by itself: each dialect decides
 * what a bad body means (Hestia answers 405, Installatron an errcode, Blesta ignores JSON entirely).
 */
export class MalformedBody {
  constructor(
    readonly contentType: string,
    readonly raw: string,
  ) {}
}

/** PHP's reading of a form body: `vars[lines][0][amount]=5` nests, repeated keys are last-wins. */
export function parsePhpForm(body: string): Record<string, unknown> {
  return parseQs(body, { depth: 10, arrayLimit: 1000, parameterLimit: 10_000, allowDots: false, duplicates: 'last', allowPrototypes: false }) as Record<string, unknown>;
}

const formTexts = new WeakMap<object, string>();

/**
 * The text of a urlencoded body, for a dialect that reads brackets by its product's own rules;
 * undefined for any other body.
 */
export function formBodyText(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null ? formTexts.get(body) : undefined;
}

const rawBodies = new WeakMap<object, Buffer>();

/**
 * The exact bytes of a multipart/form-data body (file uploads), which the text body given to
 * handlers cannot carry losslessly; undefined for any other request.
 */
export function rawMultipartBody(req: object): Buffer | undefined {
  return rawBodies.get(req);
}

export interface BodyParserOptions {
  /**
   * True for a URL whose handler reads a urlencoded body by its product's own rules (billing follows
   * PHP's parse_str exactly): that body is not parsed here at all, and is an empty object whose text
   * `formBodyText` answers.
   */
  readonly formAsText?: (url: string) => boolean;
}

export function registerBodyParsers(app: FastifyInstance, options: BodyParserOptions = {}): void {
  const { formAsText } = options;
  app.removeAllContentTypeParsers();
  // Handlers still see the body as text, as for any other type; the bytes are kept beside it.
  app.addContentTypeParser(/^multipart\/form-data/i, { parseAs: 'buffer' }, (req, body, done) => {
    const bytes = body as Buffer;
    rawBodies.set(req, bytes);
    done(null, bytes.toString('utf8'));
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (req, body, done) => {
    const text = String(body);
    const parsed = formAsText?.(req.url) ? {} : parsePhpForm(text);
    formTexts.set(parsed, text);
    done(null, parsed);
  });
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json$/, { parseAs: 'string' }, (req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      done(null, new MalformedBody(req.headers['content-type'] ?? '', text));
    }
  });
  // Anything else is kept as text; dialects that accept only some types say so in their own shape.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
}
