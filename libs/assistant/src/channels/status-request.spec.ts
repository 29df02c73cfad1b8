import { statusRequest } from './inbound-channel';

describe('a booking look-up in a message', () => {
  it('is "status"/"cek" with a code and four digits, in either order, however written', () => {
    expect(statusRequest('status K7M2QX9P 0001')).toEqual({ code: 'K7M2QX9P', lastFour: '0001' });
    expect(statusRequest('Cek 0001, k7m2-qx9p')).toEqual({ code: 'K7M2QX9P', lastFour: '0001' });
    expect(statusRequest('check ABCDEFGH 1234')).toEqual({ code: 'ABCDEFGH', lastFour: '1234' });
  });

  it('without the digits, a code that is surely one is told the format; anything else is a question', () => {
    expect(statusRequest('status K7M2QX9P')).toBe('incomplete');
    expect(statusRequest('status antrian sekarang')).toBeNull();
    expect(statusRequest('cek libur 2026')).toBeNull();
    expect(statusRequest('K7M2QX9P 0001')).toBeNull();
    expect(statusRequest('jam buka')).toBeNull();
  });
});
