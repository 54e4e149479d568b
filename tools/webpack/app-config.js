// The one webpack setup every app shares: a Node bundle of apps/<name>/src/main.ts with every
// node_modules package left external (native modules such as better-sqlite3 stay installable).
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = function appWebpackConfig(appDir, name) {
  return {
    output: {
      path: join(appDir, '../../dist/apps', name),
      clean: true,
      ...(process.env.NODE_ENV !== 'production' && { devtoolModuleFilenameTemplate: '[absolute-resource-path]' }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: true,
        sourceMap: true,
      }),
    ],
  };
};
