/** Issuer and audience of the tokens the embedded default mints and accepts. */
export const LOCAL_ISSUER = 'send-journeys';
export const LOCAL_AUDIENCE = 'send-journeys';

/**
 * Injection token of the embedded default's signing secret (`LocalSigningSecretStore` from @sj/identity): in
 * PostgreSQL when DATABASE_URL is set, else `<DATA_DIR>/auth-secret.key`.
 */
export const LOCAL_SIGNING_SECRET = Symbol('LOCAL_SIGNING_SECRET');
