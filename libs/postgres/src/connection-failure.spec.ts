import { isConnectionFailure } from './connection-failure';

describe('telling a PostgreSQL server that cannot store anything now from a refused statement', () => {
  it('calls a server out of disk space (53100), out of memory (53200) or failing to write a file (58030) unavailable, as it does a refused connection', () => {
    for (const code of ['53100', '53200', '53300', '58030', '57P01', '08006', 'ECONNREFUSED']) {
      expect({ code, unavailable: isConnectionFailure({ code, message: 'from the server' }) }).toEqual({ code, unavailable: true });
    }
  });

  it('leaves a wrong statement, a refused row or a conflict as it is', () => {
    for (const code of ['42601', '23505', '23514', '40001', '42P01']) {
      expect({ code, unavailable: isConnectionFailure({ code, message: 'from the server' }) }).toEqual({ code, unavailable: false });
    }
  });
});
