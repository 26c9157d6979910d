import { toCsv } from './to-csv';

describe('toCsv', () => {
  it('quotes per RFC 4180 and neutralises cells a spreadsheet would run as formulas', () => {
    const csv = toCsv(
      [
        { name: 'Oak, "Upper" School', note: '=HYPERLINK("http://x")', days: -3 },
        { name: 'line\nbreak', note: '@SUM(A1)', days: null },
      ],
      [
        { header: 'name', value: (r) => r.name },
        { header: 'note', value: (r) => r.note },
        { header: 'days', value: (r) => r.days },
      ],
    );
    expect(csv).toBe('name,note,days\r\n"Oak, ""Upper"" School","\'=HYPERLINK(""http://x"")",-3\r\n"line\nbreak",\'@SUM(A1),\r\n');
  });

  it('finding 7: neutralises formulas after a semicolon, which a semicolon-locale spreadsheet would start a new cell with', () => {
    const csv = toCsv(
      [{ school: 'Oak Primary;=cmd|" /C calc"!A0', note: 'year 7; -2 days' }],
      [
        { header: 'school', value: (r) => r.school },
        { header: 'note', value: (r) => r.note },
      ],
    );
    expect(csv).toBe('school,note\r\n"Oak Primary;\'=cmd|"" /C calc""!A0","year 7; \'-2 days"\r\n');
  });
});
