import { byPosition, readSen2CsvZip, readSen2Xml } from '../../apps/api/src/returns/sen2-files/sen2-files.reader';
import type { Sen2Table } from '../../apps/api/src/returns/sen2-files/sen2-modules';
import type { Sen2ProblemsPage, Sen2Summary } from '../../apps/api/src/returns/returns.controller';
import type { ErrorBody } from '../../apps/api/src/http/api-exception.filter';
import { timelinessYearFigures, type TimelinessResult } from '@sj/read-models';
import { authAs } from '../support/auth';
import { request } from '../support/http';
import { recordSen2Children, SEN2_FAMILY_NAMES } from '../support/sen2-children';
import { startTestApp, type TestApp } from '../support/test-app';
import { until } from '../support/two-areas';

/**
 * The SEN2 return for 2025 over HTTP, from the log as of the census date (Thursday 15 January 2026), for the seven
 * children of test/support/sen2-children.ts whose rows were worked out by hand.
 */
describe('The SEN2 return, straight from the log', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ clockToday: '2026-01-20', withWorker: true, env: { SEN2_LA_CODE: '933' } });
    await recordSen2Children(app);
  }, 60_000);

  afterAll(async () => {
    await app.close();
  });

  const get = <T>(path: string, headers?: Record<string, string>) => request<T>(app.baseUrl, 'GET', path, headers ? { headers } : {});
  /** The timeliness report for 2025 as of the return's census date, the day the return reads the log as of. */
  const timeliness = (headers?: Record<string, string>) => get<TimelinessResult>('/reports/timeliness?year=2025&asOf=2026-01-15', headers);
  const summaryOf = (headers?: Record<string, string>) => get<Sen2Summary>('/returns/sen2/summary?year=2025', headers);

  async function download(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; type: string | null; bytes: Uint8Array; text: string }> {
    const res = await fetch(`${app.baseUrl}${path}`, { headers: Object.keys(headers).length > 0 ? headers : await authAs(app, 'admin', '*') });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get('content-type'), bytes, text: new TextDecoder().decode(bytes) };
  }

  /** A module's rows as objects of its named columns. */
  const rowsOf = (table: Sen2Table): Record<string, string>[] =>
    table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column, row[i] ?? ''])));

  it('answers the XML file DfE collects: the header names the LA, the collection year and the census date; one Person per child in the return', async () => {
    const xml = await download('/returns/sen2?year=2025&format=xml');
    expect(xml.status).toBe(200);
    expect(xml.type).toBe('application/xml; charset=utf-8');
    expect(xml.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const tables = readSen2Xml(xml.text);
    expect(rowsOf(tables.header)).toEqual([
      expect.objectContaining({
        Collection: 'SEN2',
        Year: '2026',
        ReferenceDate: '2026-01-15',
        SourceLevel: 'L',
        LEA: '933',
        SoftwareCode: 'send-journeys',
      }),
    ]);
    expect(
      rowsOf(tables.person)
        .map((p) => p.Surname)
        .sort(),
    ).toEqual([...SEN2_FAMILY_NAMES].sort());
    expect(tables.requests.rows).toHaveLength(8);
    expect(tables.assessment.rows).toHaveLength(7);
    expect(tables.namedPlan.rows).toHaveLength(7);
    expect(tables.activePlans.rows).toHaveLength(5);
    expect(tables.senNeed.rows).toHaveLength(10);
  });

  it('writes each child’s rows as worked out by hand: a refusal from social care (source 4), a late plan with an exception (Week20 1), a cease reason (4)', async () => {
    const tables = readSen2Xml((await download('/returns/sen2?year=2025')).text);
    expect(rowsOf(tables.requests)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ReceivedDate: '2025-02-03',
          RequestSource: '4',
          RYA: '0',
          RequestOutcome: 'N',
          RequestOutcomeDate: '2025-03-10',
          RequestMediation: '1',
          RequestTribunal: '1',
        }),
        expect.objectContaining({ ReceivedDate: '2025-04-01', RequestSource: '2', RYA: '0', RequestOutcome: 'Y', RequestOutcomeDate: '2025-04-10' }),
      ]),
    );
    expect(rowsOf(tables.assessment)).toEqual(
      expect.arrayContaining([expect.objectContaining({ AssessmentOutcome: 'Y', AssessmentOutcomeDate: '2025-07-14', Week20: '1' })]),
    );
    expect(rowsOf(tables.namedPlan)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ StartDate: '2019-09-01', PB: '1', OA: '1', DP: '0', CeaseDate: '2025-05-15', CeaseReason: '4' }),
        expect.objectContaining({ StartDate: '2025-05-26', PB: '1', OA: '0', DP: '1', CeaseDate: '' }),
      ]),
    );
    expect(rowsOf(tables.planDetail)).toEqual(
      expect.arrayContaining([expect.objectContaining({ UKPRN: '10012345', PlacementRank: '1', SENunitIndicator: '0' })]),
    );
    expect(rowsOf(tables.activePlans)).toEqual(expect.arrayContaining([expect.objectContaining({ ReviewMeeting: '', LastReview: '' })]));
  });

  it('round-trips: the XML parsed back gives the same rows, under the same parents, as the zip of module CSVs', async () => {
    const xml = await download('/returns/sen2?year=2025&format=xml');
    const zip = await download('/returns/sen2?year=2025&format=csv');
    expect(zip.status).toBe(200);
    expect(zip.type).toBe('application/zip');
    const csv = readSen2CsvZip(zip.bytes);
    expect(
      rowsOf(csv.person)
        .map((p) => p.PersonID)
        .sort(),
    ).toEqual(['sen2-ceased', 'sen2-excepted', 'sen2-moved', 'sen2-no-sex', 'sen2-reassessed', 'sen2-refused', 'sen2-within']);
    expect(byPosition(csv)).toEqual(readSen2Xml(xml.text));
  });

  it('lists what DfE would reject, child by child, with a link to the journey as of the census date', async () => {
    const { status, body } = await get<Sen2ProblemsPage>('/returns/sen2/problems?year=2025');
    expect(status).toBe(200);
    expect(body).toMatchObject({ year: 2025, censusDate: '2026-01-15', returnProblems: [], total: 1, page: 1 });
    expect(body.children).toEqual([
      {
        childId: 'sen2-no-sex',
        journey: '/dashboard/children/sen2-no-sex?asOf=2026-01-15',
        errors: 2,
        queries: 0,
        problems: [
          expect.objectContaining({ code: 'NO_SEX', severity: 'error', module: '1', item: 'Sex' }),
          expect.objectContaining({ code: 'PLACEMENT_WITHOUT_ESTABLISHMENT', module: '4b', requestId: 'r-d', placementId: 'p-d' }),
        ],
      },
    ]);
  });

  it('reconciles with GET /reports/timeliness for the same year: requests, refusals, plans issued, within 20 weeks with and without exceptions', async () => {
    const report = await until('the worker to project the five plans of 2025', async () => {
      const { body } = await timeliness();
      return body.total.issued === 5 ? body : undefined;
    });
    const summary = await until('the return to be built', async () => {
      const res = await summaryOf();
      return res.status === 200 ? res.body : undefined;
    });
    expect(summary.figures).toEqual(timelinessYearFigures(report));
    expect(report).toMatchObject({
      requestsReceived: 6,
      refused: 1,
      total: { issued: 5, within20Weeks: 4, issuedExcludingExceptions: 4, within20WeeksExcludingExceptions: 4 },
    });
  });

  it.each([
    ['north', 6, 1, 4, 3],
    ['south', 0, 0, 1, 1],
  ] as const)(
    'reconciles for the managers of %s, each row in the area of its date (requests %i, refused %i, plans %i, within %i)',
    async (area, requests, refused, plans, within) => {
      const auth = await authAs(app, 'manager', [area]);
      const report = await until(`timeliness for ${area}`, async () => {
        const { body } = await timeliness(auth);
        return body.total.issued === plans ? body : undefined;
      });
      const summary = await until('the return', async () => {
        const res = await summaryOf(auth);
        return res.status === 200 ? res.body : undefined;
      });
      expect(summary.figures).toEqual(timelinessYearFigures(report));
      expect([report.requestsReceived, report.refused, report.total.within20Weeks]).toEqual([requests, refused, within]);
    },
  );

  it('gives a manager the rows of their areas only: south sees the moved child’s plan under its request, north the request alone', async () => {
    const south = readSen2Xml((await download('/returns/sen2?year=2025', await authAs(app, 'manager', ['south']))).text);
    expect(rowsOf(south.person).map((p) => p.Surname)).toEqual(['Fenwickham']);
    expect(rowsOf(south.namedPlan)).toEqual([expect.objectContaining({ StartDate: '2025-07-21' })]);
    const north = readSen2Xml((await download('/returns/sen2?year=2025', await authAs(app, 'manager', ['north']))).text);
    expect(north.person.rows).toHaveLength(7);
    expect(north.assessment.rows).toHaveLength(6);
  });

  it('shows the module counts beside last year’s', async () => {
    const { body } = await until('the summary', async () => {
      const res = await summaryOf();
      return res.status === 200 && res.body.lastYear.status === 'ready' ? res : undefined;
    });
    expect(body).toMatchObject({
      year: 2025,
      censusDate: '2026-01-15',
      status: 'ready',
      progress: { phase: 'done', childrenTotal: 7, childrenDone: 7 },
      modules: { person: 7, requests: 8, assessment: 7, namedPlan: 7, planDetail: 7, activePlans: 5, placementDetail: 5, senNeed: 10 },
      problems: { children: 1, errors: 2, queries: 0 },
      lastYear: { year: 2024, status: 'ready', modules: { person: 2, requests: 2, namedPlan: 2, activePlans: 2 } },
    });
  });

  it('is for managers and admins only', async () => {
    const caseworker = await authAs(app, 'caseworker', ['north']);
    for (const path of ['/returns/sen2?year=2025', '/returns/sen2/problems?year=2025', '/returns/sen2/summary?year=2025']) {
      expect((await get(path, caseworker)).status).toBe(403);
      expect((await get(path, { Authorization: '' })).status).toBe(401);
    }
  });

  it.each([
    ['/returns/sen2?year=25', 'year'],
    ['/returns/sen2?year=2027', 'year'],
    ['/returns/sen2?year=2013', 'year'],
    ['/returns/sen2?year=2025&format=pdf', 'format'],
    ['/returns/sen2?year=2025&area=north', 'area'],
    ['/returns/sen2/problems?year=2025&pageSize=0', 'pageSize'],
  ])('refuses %s with 400 naming %s, in words a manager understands', async (path, field) => {
    const { status, body } = await get<ErrorBody>(path);
    expect(status).toBe(400);
    expect(body.details).toEqual([expect.objectContaining({ field })]);
    expect(body.message).toMatch(new RegExp(field));
  });
});

/** Everything the API and worker write while the return is built and downloaded, info level and up, is read here. */
describe('The SEN2 return and the logs', () => {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array): boolean => {
    written.push(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk));
    return true;
  };
  let app: TestApp;
  let restore: () => void;

  beforeAll(async () => {
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    restore = () => {
      out.mockRestore();
      err.mockRestore();
    };
    app = await startTestApp({ clockToday: '2026-01-20', logLevel: 'info', env: { SEN2_LA_CODE: '933' } });
    await recordSen2Children(app);
  }, 60_000);

  afterAll(async () => {
    await app.close();
    restore();
  });

  it('keeps personal data in the return itself, never in the logs', async () => {
    const xml = await fetch(`${app.baseUrl}/returns/sen2?year=2025`, { headers: await authAs(app, 'admin', '*') });
    expect(await xml.text()).toContain('<Surname>Quillfeather</Surname>');
    await fetch(`${app.baseUrl}/returns/sen2?year=2025&format=csv`, { headers: await authAs(app, 'admin', '*') });
    await request(app.baseUrl, 'GET', '/returns/sen2/problems?year=2025');
    const logged = written.join('');
    expect(logged).toContain('SEN2 return built');
    for (const name of SEN2_FAMILY_NAMES) expect(logged).not.toContain(name);
    expect(logged).not.toContain('TA1 1AA');
  });
});
