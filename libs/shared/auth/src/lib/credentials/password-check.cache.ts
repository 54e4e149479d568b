import { hash } from 'node:crypto';
import { Injectable } from '@nestjs/common';

interface Entry {
  readonly stored: string;
  readonly expires: number;
}

/**
 * Clients of these products send the password on every request, and a slow hash per request would
 * make every call cost ~50 ms of CPU. A successful check is remembered for a short while, keyed by a
 * digest of (stored hash, presented secret): a changed or revoked password has another stored hash,
 * so it can never be satisfied from here.
 */
@Injectable()
export class PasswordCheckCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs = 5 * 60_000;
  private readonly maxEntries = 10_000;

  async verify(secret: string, stored: string, slowCheck: (secret: string, stored: string) => Promise<boolean>): Promise<boolean> {
    // One-shot: a Hash object per call costs several times more in a busy server.
    const id = hash('sha256', `${stored}\0${secret}`, 'base64');
    const hit = this.entries.get(id);
    if (hit && hit.stored === stored && hit.expires > Date.now()) return true;
    const ok = await slowCheck(secret, stored);
    if (ok) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(id, { stored, expires: Date.now() + this.ttlMs });
    }
    return ok;
  }
}
