import { ConfigError, FixedDateClock, loadConfig, londonDateOf } from '.';

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({}, '/srv/app')).toEqual({
      port: 3000,
      dataDir: '/srv/app/data',
      eventStore: 'sqlite',
      queuePrefix: 'bull',
      logLevel: 'info',
      production: false,
      clockWarningWindowDays: 14,
      middleSchoolYears: null,
      suspensionTriggerThreshold: 3,
      suspensionTriggerWindow: 'school-year',
      auth: { kind: 'local' },
      signIn: { sessionIdleMinutes: 30, sessionAbsoluteHours: 10, maxFailedAttempts: 5, lockoutMinutes: 15, oidc: null },
      corsOrigins: [],
      rateLimitPerMinute: 600,
      sen2LaCode: null,
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        PORT: '8080',
        DATA_DIR: '/var/lib/sj',
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
        DATABASE_URL: 'postgres://sj:secret@db.internal:5432/send_journeys',
        REDIS_URL: 'redis://localhost:6379',
        CLOCK_TODAY: '2025-03-04',
        LOG_LEVEL: 'debug',
        QUEUE_PREFIX: 'sj-north',
        CLOCK_WARNING_WINDOW_DAYS: '10',
        PHASE_TRANSFER_MIDDLE_SCHOOL_YEARS: '5, 9',
        SUSPENSION_TRIGGER_THRESHOLD: '4',
        SUSPENSION_TRIGGER_WINDOW: 'rolling-12-months',
        AUTH_JWKS_URL: 'https://login.microsoftonline.com/tenant-id/discovery/v2.0/keys',
        AUTH_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
        AUTH_AUDIENCE: 'api://send-journeys',
        CORS_ORIGINS: 'https://send.example.gov.uk, http://localhost:5173',
        RATE_LIMIT_PER_MINUTE: '1200',
        SESSION_IDLE_TIMEOUT_MINUTES: '20',
        SESSION_ABSOLUTE_TIMEOUT_HOURS: '9',
        SIGN_IN_MAX_ATTEMPTS: '6',
        SIGN_IN_LOCKOUT_MINUTES: '30',
        SEN2_LA_CODE: '933',
      }),
    ).toEqual({
      port: 8080,
      dataDir: '/var/lib/sj',
      eventStore: 'eventstoredb',
      eventStoreConnectionString: 'esdb://localhost:2113?tls=false',
      databaseUrl: 'postgres://sj:secret@db.internal:5432/send_journeys',
      redisUrl: 'redis://localhost:6379',
      queuePrefix: 'sj-north',
      clockToday: '2025-03-04',
      logLevel: 'debug',
      production: false,
      clockWarningWindowDays: 10,
      middleSchoolYears: { entry: 5, exit: 9 },
      suspensionTriggerThreshold: 4,
      suspensionTriggerWindow: 'rolling-12-months',
      auth: {
        kind: 'jwks',
        jwksUrl: 'https://login.microsoftonline.com/tenant-id/discovery/v2.0/keys',
        issuer: 'https://login.microsoftonline.com/tenant-id/v2.0',
        audience: 'api://send-journeys',
      },
      signIn: { sessionIdleMinutes: 20, sessionAbsoluteHours: 9, maxFailedAttempts: 6, lockoutMinutes: 30, oidc: null },
      corsOrigins: ['https://send.example.gov.uk', 'http://localhost:5173'],
      rateLimitPerMinute: 1200,
      sen2LaCode: '933',
    });
  });

  it('names every invalid variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        EVENT_STORE: 'mongodb',
        REDIS_URL: 'localhost',
        DATABASE_URL: 'mysql://db/sj',
        CLOCK_TODAY: '2025-02-30',
        LOG_LEVEL: 'loud',
        QUEUE_PREFIX: 'sj north',
        CLOCK_WARNING_WINDOW_DAYS: 'two weeks',
        PHASE_TRANSFER_MIDDLE_SCHOOL_YEARS: '9,5',
        SUSPENSION_TRIGGER_THRESHOLD: '0',
        SUSPENSION_TRIGGER_WINDOW: 'term',
        SEN2_LA_CODE: 'Somerset',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'PORT',
      'EVENT_STORE',
      'REDIS_URL',
      'DATABASE_URL',
      'CLOCK_TODAY',
      'LOG_LEVEL',
      'QUEUE_PREFIX',
      'CLOCK_WARNING_WINDOW_DAYS',
      'PHASE_TRANSFER_MIDDLE_SCHOOL_YEARS',
      'SUSPENSION_TRIGGER_THRESHOLD',
      'SUSPENSION_TRIGGER_WINDOW',
      'SEN2_LA_CODE',
    ]) {
      expect(problems).toContain(name);
    }
  });

  it('needs all three identity-provider settings together, and https for the key set in production', () => {
    expect(() => loadConfig({ AUTH_JWKS_URL: 'https://idp.example/keys' })).toThrow(/AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE go together/);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'http://idp.example/keys', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' })).toThrow(
      /AUTH_JWKS_URL must be an https URL/,
    );
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  });

  it('needs a connection string for EventStoreDB', () => {
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING is required/);
  });

  it('keeps the event log in PostgreSQL once DATABASE_URL is set, unless EventStoreDB is named', () => {
    const url = 'postgres://sj@db.internal:5432/send_journeys';

    expect(loadConfig({ DATABASE_URL: url })).toMatchObject({ eventStore: 'postgres', databaseUrl: url });
    expect(loadConfig({ DATABASE_URL: url, EVENT_STORE: 'postgres' })).toMatchObject({ eventStore: 'postgres' });
    expect(loadConfig({ DATABASE_URL: url, EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://es:2113?tls=false' })).toMatchObject({
      eventStore: 'eventstoredb',
      databaseUrl: url,
    });
  });

  it('refuses EVENT_STORE=postgres without DATABASE_URL, and a log left in a local file beside DATABASE_URL', () => {
    expect(() => loadConfig({ EVENT_STORE: 'postgres' })).toThrow(/DATABASE_URL is required when EVENT_STORE=postgres/);
    expect(() => loadConfig({ EVENT_STORE: 'sqlite', DATABASE_URL: 'postgres://sj:secret@db/sj' })).toThrow(
      /EVENT_STORE=sqlite keeps the log in a file/,
    );
  });

  it('refuses CLOCK_TODAY in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', CLOCK_TODAY: '2025-03-04' })).toThrow(/CLOCK_TODAY is refused when NODE_ENV=production/);
  });
});

describe('clock', () => {
  it('fixes today and keeps now on that date', () => {
    const clock = new FixedDateClock('2025-03-04');
    expect(clock.today()).toBe('2025-03-04');
    expect(clock.now().toISOString().slice(0, 10)).toBe('2025-03-04');
  });

  it('reads today in Europe/London (BST starts the day an hour before UTC)', () => {
    expect(londonDateOf(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01');
    expect(londonDateOf(new Date('2025-12-31T23:30:00Z'))).toBe('2025-12-31');
  });
});
