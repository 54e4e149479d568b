export { asStdClass, isStdClass, type PhpRecord, type PhpValue } from './lib/php-value';
export { encodePhpJson } from './lib/php-json';
export { serializePhp } from './lib/php-serialize';
export { encodeBlestaXml } from './lib/blesta-xml';
export { encodeXmlDocument, type XmlDocumentOptions } from './lib/xml-document';
