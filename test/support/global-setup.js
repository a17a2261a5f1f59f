const { ensureServices } = require('./services');

module.exports = async function globalSetup() {
  await ensureServices();
};
