import { type ArgumentMetadata, BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, type PipeTransform, Post, Put, Query, UsePipes, ValidationPipe } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AccountsService, type SettingValue, SettingsService } from '@hostgate/domain';
import { Authenticated, BAN_SCOPE_NAMES, type BanEntry, type BanScope, type CreatedCredential, CredentialService, type CredentialView, LoginBanService } from '@hostgate/shared/auth';
import { DomainError } from '@hostgate/shared/errors';
import { MalformedBody } from '@hostgate/shared/http';
import { CREDENTIAL_KINDS, type CredentialKind } from '@hostgate/shared/persistence';
import { CreateCredentialDto, SetPanelPasswordDto, SetSettingDto } from './dto/create-credential.dto';

/**
 * A body that is not a JSON object is refused as such, before its fields are validated (the body
 * parsers hand a body that does not parse to each handler to answer in its own shape).
 */
class JsonObjectBody implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body') return value;
    if (value instanceof MalformedBody) throw new BadRequestException('The request body is not valid JSON');
    if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) throw new BadRequestException('The request body must be a JSON object');
    return value;
  }
}

/** The gateway's own admin API: credentials for every dialect, behind Bearer tokens. */
@ApiTags('admin')
@Authenticated('admin-bearer')
@ApiUnauthorizedResponse({ description: 'Missing or invalid bearer token' })
@ApiBadRequestResponse({ description: 'Invalid input: message lists every problem' })
@UsePipes(new JsonObjectBody(), new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }))
@Controller('admin')
export class AdminController {
  constructor(
    private readonly credentials: CredentialService,
    private readonly accounts: AccountsService,
    private readonly settings: SettingsService,
    private readonly bans: LoginBanService,
  ) {}

  @Get('credentials')
  @ApiOperation({ summary: 'List credentials (never their secrets)', operationId: 'listCredentials' })
  @ApiQuery({ name: 'kind', required: false, enum: CREDENTIAL_KINDS })
  @ApiOkResponse({ description: 'Credentials, oldest first' })
  list(@Query('kind') kind?: string): Promise<CredentialView[]> {
    if (kind !== undefined && !(CREDENTIAL_KINDS as readonly string[]).includes(kind)) throw DomainError.invalid('kind', kind);
    return this.credentials.list(kind as CredentialKind | undefined);
  }

  @Post('credentials')
  @ApiOperation({ summary: 'Create a credential; the secret is in this response only', operationId: 'createCredential' })
  @ApiCreatedResponse({ description: '{credential, secret}' })
  create(@Body() dto: CreateCredentialDto): Promise<CreatedCredential> {
    return this.credentials.create(dto);
  }

  @Delete('credentials/:id')
  @ApiOperation({ summary: 'Revoke a credential', operationId: 'revokeCredential' })
  @ApiOkResponse({ description: 'The revoked credential' })
  @ApiNotFoundResponse({ description: 'No such credential' })
  revoke(@Param('id', ParseIntPipe) id: number): Promise<CredentialView> {
    return this.credentials.revoke(id);
  }

  @Put('panel/admin-password')
  @HttpCode(204)
  @ApiOperation({ summary: "Set the panel administrator's password", operationId: 'setPanelAdminPassword' })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiNotFoundResponse({ description: 'No panel administrator account yet' })
  async setPanelPassword(@Body() dto: SetPanelPasswordDto): Promise<void> {
    const root = await this.accounts.rootUser();
    if (!root) throw DomainError.notFound('user', 'admin', 'username');
    await this.accounts.setPassword(root.username, dto.password);
  }

  @Get('settings')
  @ApiOperation({ summary: 'List operator settings with their current values', operationId: 'listSettings' })
  @ApiOkResponse({ description: 'Every setting: key, value, whether it is the default, what it does' })
  listSettings(): Promise<SettingValue[]> {
    return this.settings.list();
  }

  @Put('settings/:key')
  @ApiOperation({ summary: 'Change an operator setting; every replica sees it at once', operationId: 'setSetting' })
  @ApiOkResponse({ description: 'The setting as stored' })
  @ApiNotFoundResponse({ description: 'No such setting' })
  setSetting(@Param('key') key: string, @Body() dto: SetSettingDto): Promise<SettingValue> {
    return this.settings.set(key, dto.value);
  }

  @Delete('settings/:key')
  @ApiOperation({ summary: 'Put an operator setting back to its default', operationId: 'resetSetting' })
  @ApiOkResponse({ description: 'The setting with its default value' })
  @ApiNotFoundResponse({ description: 'No such setting' })
  resetSetting(@Param('key') key: string): Promise<SettingValue> {
    return this.settings.reset(key);
  }

  @Get('bans')
  @ApiOperation({ summary: 'IP addresses banned after failed logins (panel and project dialects)', operationId: 'listBans' })
  @ApiOkResponse({ description: 'Bans in force: scope, ip, bannedUntil' })
  listBans(): Promise<BanEntry[]> {
    return this.bans.list();
  }

  @Delete('bans/:scope/:ip')
  @HttpCode(204)
  @ApiOperation({ summary: 'Lift a ban on an IP address', operationId: 'liftBan' })
  @ApiParam({ name: 'scope', enum: BAN_SCOPE_NAMES })
  @ApiNoContentResponse({ description: 'Lifted' })
  @ApiNotFoundResponse({ description: 'That IP is not banned' })
  async liftBan(@Param('scope') scope: string, @Param('ip') ip: string): Promise<void> {
    if (!(BAN_SCOPE_NAMES as readonly string[]).includes(scope)) throw DomainError.invalid('scope', scope);
    if (!(await this.bans.lift(scope as BanScope, ip))) throw DomainError.notFound('ban', ip, 'ip');
  }
}
