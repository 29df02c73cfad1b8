import type { IkmElementKey } from '@giliran/core';

/**
 * The nine questions of the IKM survey (PermenPANRB 14/2017, its appendix), each answered on a
 * scale of four from worst (1) to best (4), in Indonesian and English.
 */
type Texts = { question: string; options: [string, string, string, string] };

export const QUESTIONS: Record<'id' | 'en', Record<IkmElementKey, Texts>> = {
  id: {
    requirements: {
      question: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
      options: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    },
    procedure: {
      question: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
      options: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
    },
    time: {
      question: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
      options: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
    },
    cost: {
      question: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
      options: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
    },
    product: {
      question: 'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
      options: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    },
    competence: {
      question: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
      options: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
    },
    conduct: {
      question: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
      options: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
    },
    complaints: {
      question: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
      options: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
    },
    facilities: {
      question: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
      options: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'],
    },
  },
  en: {
    requirements: {
      question: 'How well did the requirements for this service fit the service itself?',
      options: ['Not at all', 'Poorly', 'Well', 'Very well'],
    },
    procedure: {
      question: 'How easy was the procedure of this service to follow?',
      options: ['Not easy', 'Not very easy', 'Easy', 'Very easy'],
    },
    time: {
      question: 'How quickly were you served?',
      options: ['Not quickly', 'Not very quickly', 'Quickly', 'Very quickly'],
    },
    cost: {
      question: 'How fair was the cost or fee of the service?',
      options: ['Very expensive', 'Rather expensive', 'Cheap', 'Free'],
    },
    product: {
      question: 'How well did what you received match what the service standard promises?',
      options: ['Not at all', 'Poorly', 'Well', 'Very well'],
    },
    competence: {
      question: 'How competent were the staff who served you?',
      options: ['Not competent', 'Not very competent', 'Competent', 'Very competent'],
    },
    conduct: {
      question: 'How polite and friendly were the staff?',
      options: ['Not polite or friendly', 'Not very polite or friendly', 'Polite and friendly', 'Very polite and friendly'],
    },
    complaints: {
      question: 'How are complaints from people using the service handled?',
      options: ['There is no way to complain', 'There is one, but it does not work', 'It works, but not fully', 'They are handled well'],
    },
    facilities: {
      question: 'How good are the facilities and premises?',
      options: ['Poor', 'Fair', 'Good', 'Very good'],
    },
  },
};
