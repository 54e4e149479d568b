declare module 'swagger-ui-dist' {
  /** The directory holding Swagger UI's static assets. */
  export function getAbsoluteFSPath(): string;
}
