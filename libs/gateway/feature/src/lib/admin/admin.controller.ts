import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, UsePipes, ValidationPipe } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AccountsService } from '@hostgate/domain';
import { Authenticated, type CreatedCredential, CredentialService, type CredentialView } from '@hostgate/shared/auth';
import { DomainError } from '@hostgate/shared/errors';
import { CREDENTIAL_KINDS, type CredentialKind } from '@hostgate/shared/persistence';
import { CreateCredentialDto, SetPanelPasswordDto } from './dto/create-credential.dto';

/** The gateway's own admin API: credentials for every dialect, behind Bearer tokens. */
@ApiTags('admin')
@Authenticated('admin-bearer')
@ApiUnauthorizedResponse({ description: 'Missing or invalid bearer token' })
@ApiBadRequestResponse({ description: 'Invalid input: message lists every problem' })
@UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }))
@Controller('admin')
export class AdminController {
  constructor(
    private readonly credentials: CredentialService,
    private readonly accounts: AccountsService,
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
}
