import { billingDialect } from '@hostgate/billing';
import { installerDialect } from '@hostgate/installer';
import { panelDialect } from '@hostgate/panel';
import { projectDialect } from '@hostgate/project';
import { type DialectRegistration } from '@hostgate/shared/platform';

/** Every dialect the gateway speaks, in the order of its documentation. */
export const ALL_DIALECTS: readonly DialectRegistration[] = [billingDialect, panelDialect, projectDialect, installerDialect];
