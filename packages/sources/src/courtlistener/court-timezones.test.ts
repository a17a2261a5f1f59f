import { localDate } from './court-timezones';

describe('localDate', () => {
  it('is the calendar day in the zone', () => {
    const instant = Date.parse('2024-04-17T01:30:00-07:00'); // 04:30 in New York
    expect(localDate(instant, 'America/New_York')).toBe('2024-04-17');
    expect(localDate(instant, 'Pacific/Honolulu')).toBe('2024-04-16');
  });
});
