import { buildZip, renameEntry } from '../../../../test/support/hostile-zips';
import { unpackAdditionalFiles } from './additional-files';

describe(unpackAdditionalFiles.name, () => {
  it('unpacks a zip given as base64, folders kept', async () => {
    const zip = await buildZip([{ name: 'run', data: '#!/bin/bash\n./main\n' }, { name: 'src/main.c', data: 'int main(){}' }]);
    const files = await unpackAdditionalFiles(zip.toString('base64'));
    expect(files.map((f) => [f.path, f.content.toString()])).toEqual([['run', '#!/bin/bash\n./main\n'], ['src/main.c', 'int main(){}']]);
  });

  it('refuses what is not base64, not a zip, or escapes the folder', async () => {
    await expect(unpackAdditionalFiles('%%%')).rejects.toThrow('is not valid base64');
    await expect(unpackAdditionalFiles(Buffer.from('not a zip').toString('base64'))).rejects.toThrow(/is not a usable zip/);
    const evil = renameEntry(await buildZip([{ name: 'aa/escape', data: 'x' }]), 'aa/escape', '../escape');
    await expect(unpackAdditionalFiles(evil.toString('base64'))).rejects.toThrow(/is not a usable zip/);
  });
});
