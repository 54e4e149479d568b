import { type Provider } from '@nestjs/common';
import { SupportTicketsService } from './support-tickets.service';

export * from './support-tickets.service';

/** Support tickets, shared by the project and billing dialects. */
export const SUPPORT_DOMAIN_PROVIDERS: Provider[] = [SupportTicketsService];
