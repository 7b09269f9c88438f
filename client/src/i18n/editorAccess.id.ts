import { ROLE_NAMES } from './roles';

/** Bahasa Indonesia strings of the 'editorAccess' namespace (rights in the editor). */
export default {
  role: ROLE_NAMES.id,
  roleHint: {
    owner: 'Anda pemilik SOP ini.',
    editor: 'Anda dapat mengubah SOP ini.',
    commenter: 'Anda dapat berkomentar dan memberi penilaian, tetapi tidak mengubah isi SOP.',
    viewer: 'Anda dapat membaca SOP ini, tetapi tidak mengubah atau mengomentarinya.',
  },
  refused:
    'Perubahan Anda tidak disimpan: Anda tidak lagi dapat mengedit SOP ini. Versi terbaru dari server dimuat ulang.',
  refusedLocked:
    'Perubahan Anda tidak disimpan: SOP ini sudah dikunci. Versi terbaru dari server dimuat ulang.',
  refusedOther:
    'Perubahan Anda tidak disimpan: server menolaknya. Versi terbaru dari server dimuat ulang.',
  command: {
    offline:
      'Tidak tersambung ke server: perubahan ini tidak terkirim. Coba lagi setelah tersambung.',
    forbidden: 'Anda tidak berhak melakukan ini pada SOP ini.',
    unauthenticated: 'Sesi Anda berakhir. Masuk lagi untuk melanjutkan.',
    failed: 'Gagal menyimpan: {{message}}',
  },
  closed: {
    forbidden: 'Anda tidak memiliki akses ke SOP ini.',
    unauthorized: 'Sesi Anda berakhir. Masuk lagi untuk membuka SOP ini.',
  },
};
