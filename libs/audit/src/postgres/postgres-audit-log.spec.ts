import { createScratchPool } from '../../../../test/support/postgres-pool';
import { describeAuditLogContract } from '../testing/audit-log.contract';
import { PostgresAuditLog } from './postgres-audit-log';

describeAuditLogContract('PostgreSQL', async () => {
  const scratch = await createScratchPool('audit-log');
  return {
    store: await PostgresAuditLog.open(scratch.pool),
    openAnother: () => PostgresAuditLog.open(scratch.url),
    runStatement: async (sql: string) => {
      await scratch.pool.query(sql);
    },
    disconnect: scratch.disconnect,
    cleanup: scratch.drop,
  };
});

describe('the PostgreSQL audit log', () => {
  it('refuses TRUNCATE, which row triggers alone would let through', async () => {
    const scratch = await createScratchPool('audit-truncate');
    const log = await PostgresAuditLog.open(scratch.pool);
    try {
      await log.append({
        at: '2025-03-04T10:15:00.000Z',
        sub: 'a',
        roles: ['admin'],
        action: 'erase',
        route: 'DELETE /x',
        correlationId: null,
        childIds: ['c1'],
      });
      await expect(scratch.pool.query('TRUNCATE audit_children, audit_entries')).rejects.toThrow(/append-only/);
      expect((await log.find({ page: 1, pageSize: 10 })).total).toBe(1);
    } finally {
      await log.close();
      await scratch.drop();
    }
  });
});
