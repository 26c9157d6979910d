import {
  accepts,
  excluded,
  exclusionOverturned,
  given,
  partTimeEnded,
  partTimeStarted,
  refusal,
  registered,
  suspended,
  suspensionRescinded,
  then,
} from './journey.fixture';

describe('inclusion rules', () => {
  const history = given(registered(), suspended('sus-1', '2024-10-07', 3), excluded('pex-1', '2025-02-03'));

  describe('suspensions', () => {
    it('refuses a suspension id already in use', () => {
      expect(refusal(history, suspended('sus-1', '2024-11-07'))).toMatchObject({ code: 'SUSPENSION_ID_IN_USE', details: { suspensionId: 'sus-1' } });
      expect(accepts(history, suspended('sus-2', '2024-11-07'))).toBe(true);
    });

    it.each([0, 0.25, 45.5, 1.3])('refuses %p school days', (days) => {
      expect(refusal(history, suspended('sus-2', '2024-11-07', days))).toMatchObject({ code: 'SUSPENSION_DAYS_OUT_OF_RANGE' });
    });

    it.each([0.5, 2.5, 45])('accepts %p school days', (days) => {
      expect(accepts(history, suspended('sus-2', '2024-11-07', days))).toBe(true);
    });

    it('accepts rescinding a suspension once, on or after it', () => {
      expect(accepts(history, suspensionRescinded('sus-1', '2024-10-07'))).toBe(true);
      const rescinded = then(history, suspensionRescinded('sus-1', '2024-10-10'));
      expect(refusal(rescinded, suspensionRescinded('sus-1', '2024-10-11'))).toMatchObject({
        code: 'SUSPENSION_ALREADY_RESCINDED',
        details: { rescindedOn: '2024-10-10' },
      });
    });

    it('refuses rescinding an unknown suspension, or before it happened', () => {
      expect(refusal(history, suspensionRescinded('sus-9', '2024-10-10'))).toMatchObject({ code: 'SUSPENSION_NOT_FOUND' });
      expect(refusal(history, suspensionRescinded('sus-1', '2024-10-06'))).toMatchObject({
        code: 'OCCURRED_BEFORE_PREVIOUS_STEP',
        details: { previousStep: 'SuspensionRecorded', previousStepOn: '2024-10-07' },
      });
    });
  });

  describe('permanent exclusions', () => {
    it('refuses an exclusion id already in use', () => {
      expect(refusal(history, excluded('pex-1', '2025-03-01'))).toMatchObject({ code: 'EXCLUSION_ID_IN_USE' });
    });

    it('accepts overturning once, and refuses an unknown one or a second', () => {
      expect(refusal(history, exclusionOverturned('pex-9', '2025-03-01'))).toMatchObject({ code: 'EXCLUSION_NOT_FOUND' });
      expect(accepts(history, exclusionOverturned('pex-1', '2025-03-01'))).toBe(true);
      const overturned = then(history, exclusionOverturned('pex-1', '2025-03-01'));
      expect(refusal(overturned, exclusionOverturned('pex-1', '2025-03-02'))).toMatchObject({ code: 'EXCLUSION_ALREADY_OVERTURNED' });
    });

    it('refuses overturning before the exclusion', () => {
      expect(refusal(history, exclusionOverturned('pex-1', '2025-02-02'))).toMatchObject({ code: 'OCCURRED_BEFORE_PREVIOUS_STEP' });
    });
  });

  describe('part-time timetables', () => {
    const started = then(history, partTimeStarted('Oak Primary', '2024-11-04'));

    it('needs one started at that school to end it', () => {
      expect(refusal(history, partTimeEnded('Oak Primary', '2024-12-01'))).toMatchObject({ code: 'PART_TIME_TIMETABLE_NOT_FOUND' });
      expect(refusal(started, partTimeEnded('Elm Academy', '2024-12-01'))).toMatchObject({
        code: 'PART_TIME_TIMETABLE_NOT_FOUND',
        details: { school: 'Elm Academy' },
      });
      expect(accepts(started, partTimeEnded('Oak Primary', '2024-12-01'))).toBe(true);
    });

    it('refuses ending before it started, and ending it twice', () => {
      expect(refusal(started, partTimeEnded('Oak Primary', '2024-11-03'))).toMatchObject({ code: 'OCCURRED_BEFORE_PREVIOUS_STEP' });
      const ended = then(started, partTimeEnded('Oak Primary', '2024-12-01'));
      expect(refusal(ended, partTimeEnded('Oak Primary', '2024-12-02'))).toMatchObject({ code: 'PART_TIME_TIMETABLE_NOT_FOUND' });
    });

    it('refuses a second one at the same school while the first runs, and one starting before the last ended', () => {
      expect(refusal(started, partTimeStarted('Oak Primary', '2024-11-20'))).toMatchObject({ code: 'PART_TIME_TIMETABLE_ALREADY_OPEN' });
      expect(accepts(started, partTimeStarted('Elm Academy', '2024-11-20'))).toBe(true);
      const ended = then(started, partTimeEnded('Oak Primary', '2024-12-01'));
      expect(refusal(ended, partTimeStarted('Oak Primary', '2024-11-30'))).toMatchObject({ code: 'OCCURRED_BEFORE_PREVIOUS_STEP' });
      expect(accepts(ended, partTimeStarted('Oak Primary', '2025-01-06'))).toBe(true);
    });
  });
});
