// `npm run icons`: every icon the installers need, rendered from the one source
// image resources/icon.svg — resources/icon.png (1024 px, electron-builder's
// fallback), resources/icons/<n>x<n>.png (Linux), resources/icon.icns (macOS) and
// resources/icon.ico (Windows). The outputs are committed; rerun after editing the SVG.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

const resources = fileURLToPath(new URL('../resources/', import.meta.url));
const svg = fs.readFileSync(path.join(resources, 'icon.svg'));

function render(size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

function write(file: string, data: Buffer | null): void {
  if (!data) throw new Error(`could not create ${file}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  console.log(`${path.relative(process.cwd(), file)} (${data.length} bytes)`);
}

const master = render(1024);
write(path.join(resources, 'icon.png'), master);
for (const size of LINUX_ICON_SIZES) {
  write(path.join(resources, 'icons', `${size}x${size}.png`), size === 1024 ? master : render(size));
}
write(path.join(resources, 'icon.icns'), png2icons.createICNS(master, png2icons.BICUBIC2, 0));
write(path.join(resources, 'icon.ico'), png2icons.createICO(master, png2icons.BICUBIC2, 0, false, true));
