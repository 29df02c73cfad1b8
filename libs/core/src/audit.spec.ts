import { maskContacts, maskEmail, maskPhone } from './audit';

describe('masking contact data', () => {
  it('keeps the operator and the last four digits of a phone', () => {
    expect(maskPhone('+6281234567890')).toBe('+62812****7890');
    expect(maskPhone('0812-3456-7890')).toBe('0812****7890');
    expect(maskPhone('123')).toBe('****');
  });

  it('keeps the first letter and the domain of an e-mail address', () => {
    expect(maskEmail('budi.santoso@example.go.id')).toBe('b***@example.go.id');
    expect(maskEmail('nonsense')).toBe('***');
  });

  it('masks every address and long number in free text, and nothing else', () => {
    const smtp = '550 5.1.1 <budi.santoso@example.go.id>: Recipient address rejected: User unknown in virtual mailbox table';
    expect(maskContacts(smtp)).toBe('550 5.1.1 <b***@example.go.id>: Recipient address rejected: User unknown in virtual mailbox table');
    expect(maskContacts('sms to +6281234567890 refused; NIK 3201011505900001')).toBe('sms to +62812****7890 refused; NIK 3201********0001');
    expect(maskContacts('webhook answered 503')).toBe('webhook answered 503');
    expect(maskContacts('link https://antrean.example.go.id/manage/x7Gq2kLmN0pQrS4tUv8wYz refused')).toBe(
      'link https://antrean.example.go.id/manage/… refused',
    );
  });
});
