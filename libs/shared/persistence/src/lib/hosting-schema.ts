import { type MigrationInterface } from 'typeorm';

/** Hosting-side tables (DNS, mail, databases, ...): entity classes and the migrations that create them, oldest first. */
export const HOSTING_ENTITIES: Array<new () => object> = [];
export const HOSTING_MIGRATIONS: Array<new () => MigrationInterface> = [];
