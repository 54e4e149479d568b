/**
 * Domain services hash human passwords through this port; the auth lib provides the scrypt
 * implementation (with its verified-check cache), tests may provide a fast one.
 */
export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  abstract verify(password: string, stored: string): Promise<boolean>;
}
