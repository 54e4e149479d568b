export * from './lib/blesta-xml';
export * from './lib/php-json';
export * from './lib/php-serialize';
export * from './lib/php-value';
export * from './lib/xml-document';
