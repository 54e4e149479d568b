import { type MigrationInterface } from 'typeorm';

/** Billing-side tables (clients, contacts, invoices, packages, services, ...): entity classes and the migrations that create them, oldest first. */
export const BILLING_ENTITIES: Array<new () => object> = [];
export const BILLING_MIGRATIONS: Array<new () => MigrationInterface> = [];
