/** English words of the files sent with a reply (issue 24). */
export const enReplyFiles = {
  rfTitle: 'Attachments',
  rfDrop: 'Drop files here or choose them; they go with the reply.',
  rfHelp: 'Up to {count} files, each at most {each} MB and {total} MB together.',
  rfChoose: 'Attach files',
  rfUploading: 'Uploading {percent} %…',
  rfRemove: 'Remove {name}',
  rfSize: '{size} kB',
  rfRefused: '{name} was not attached: {reason}.',
  'rfReason.too_big': 'it is larger than {each} MB',
  'rfReason.too_many': 'a reply can carry at most {count} files',
  'rfReason.total': 'all files together would be larger than {total} MB',
  'rfReason.empty': 'the file is empty',
  'rfReason.twice': 'it is attached already',
  'rfReason.cut_off': 'it did not arrive whole; try again',
  'rfReason.not_saved': 'the server could not store it; try again',
  rfWith: 'Attached:',
};
