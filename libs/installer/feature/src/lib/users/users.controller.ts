import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { AccountsService } from '@hostgate/domain';
import { Authenticated } from '@hostgate/shared/auth';
import { DomainError } from '@hostgate/shared/errors';
import { type AccountEntity, type WebDomainEntity } from '@hostgate/shared/persistence';
import { installatronOk } from '../api/installatron-envelope';

const DEFAULT_LIMIT = 50;

function window(offsetRaw: string | undefined, limitRaw: string | undefined): { offset: number; limit: number } {
  const offset = offsetRaw === undefined || offsetRaw === '' ? 0 : Number(offsetRaw);
  const limit = limitRaw === undefined || limitRaw === '' ? DEFAULT_LIMIT : Number(limitRaw);
  if (!Number.isInteger(offset) || offset < 0) throw DomainError.invalid('offset', String(offsetRaw));
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw DomainError.invalid('limit', String(limitRaw));
  return { offset, limit };
}

/** The installer's user is the panel's hosting account; its websites are the account's web domains. */
export function installerUser(account: AccountEntity, domains: readonly WebDomainEntity[]) {
  return {
    id: account.username,
    parent: '',
    type: account.role === 'admin' ? 'reseller' : 'user',
    suspended: account.suspended,
    locale: account.language,
    email: account.email,
    websites: domains.map((d) => ({
      path: `/home/${account.username}/web/${d.domain}/public_html`,
      label: d.domain,
      server: 'local',
      vhosts: Object.fromEntries([d.domain, ...d.aliases.split(',').filter(Boolean)].map((host) => [`http://${host}`, ''])),
      databases: [],
    })),
  };
}

@ApiTags('users')
@Controller('users')
export class InstallerUsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @Authenticated('installatron')
  @ApiOperation({ summary: 'List users', operationId: 'listUsers' })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: DEFAULT_LIMIT } })
  @ApiOkResponse({ description: '{result, status, errcode, errfield, message, data: user[], total_count, has_more}' })
  @ApiBadRequestResponse({ description: 'invalid_argument_offset / invalid_argument_limit' })
  @ApiForbiddenResponse({ description: 'invalid_api_key' })
  async list(@Query('offset') offsetRaw: string | undefined, @Query('limit') limitRaw: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const { offset, limit } = window(offsetRaw, limitRaw);
    const { items, total } = await this.accounts.list({ offset, limit });
    const data = await Promise.all(items.map(async (a) => installerUser(a, await this.accounts.websites(a.id))));
    const rendered = installatronOk(data, { total, offset, count: data.length });
    void reply.status(rendered.status).type(rendered.contentType).send(rendered.body);
  }
}
