export * from './lib/dialects';
export * from './lib/forwarding/forwarder';
export * from './lib/start-gateway';
export * from './lib/tls/panel-listener';
export * from './lib/cli/cli';
