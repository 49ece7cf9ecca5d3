// Copies the node and credential icons into dist/, where the compiled nodes
// reference them (`file:../../icons/<name>.svg` from dist/nodes/<Vendor>/).
const { src, dest } = require('gulp');

function buildIcons() {
	return src('icons/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/icons'));
}

exports['build:icons'] = buildIcons;
