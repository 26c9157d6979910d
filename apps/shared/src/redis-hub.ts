import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import {
  assertNoEviction,
  closeRedis,
  createRedisConnection,
  pingRedis,
  startLocalRedis,
  waitUntilReady,
  type LocalRedis,
  type RedisRole,
} from '@sj/queues';
import type Redis from 'ioredis';

/**
 * Owns everything Redis in one process: the local redis-server (when REDIS_URL is unset),
 * the connections handed out, and their orderly shutdown (connections first, the server last).
 * Refuses to start unless Redis runs with `maxmemory-policy noeviction`.
 */
@Injectable()
export class RedisHub implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private local: LocalRedis | undefined;
  private url: string | undefined;
  private readonly connections: Redis[] = [];
  private producerConnection: Redis | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    if (this.config.redisUrl !== undefined) {
      this.url = this.config.redisUrl;
    } else {
      this.local = await startLocalRedis({ dataDir: this.config.dataDir, log: (msg) => this.logger.log(msg) });
      this.url = this.local.url;
    }
    const producer = this.connection('producer', 'sj-producer');
    try {
      await waitUntilReady(producer);
      await assertNoEviction(producer);
    } catch (err) {
      await this.onApplicationShutdown();
      throw err;
    }
    this.producerConnection = producer;
    this.logger.log({ msg: 'redis connected', local: this.local !== undefined });
  }

  /** The fail-fast connection used to add work (`enableOfflineQueue: false`). */
  get producer(): Redis {
    if (!this.producerConnection) throw new Error('Redis is not connected yet');
    return this.producerConnection;
  }

  /** A new connection in the given role, closed at shutdown. */
  connection(role: RedisRole, name?: string): Redis {
    if (this.url === undefined) throw new Error('Redis is not started yet');
    const redis = createRedisConnection(this.url, role, name);
    let warned = false;
    redis.on('error', (err: Error) => {
      if (!warned) this.logger.warn({ msg: 'redis connection error', role, error: err.message });
      warned = true;
    });
    redis.on('ready', () => {
      warned = false;
    });
    this.connections.push(redis);
    return redis;
  }

  async isUp(): Promise<boolean> {
    return this.producerConnection !== undefined && pingRedis(this.producerConnection);
  }

  async onApplicationShutdown(): Promise<void> {
    const open = this.connections.splice(0);
    await Promise.all(open.map((c) => closeRedis(c)));
    this.producerConnection = undefined;
    if (this.local) {
      const local = this.local;
      this.local = undefined;
      await local.stop();
    }
  }
}
