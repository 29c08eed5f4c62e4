# One image for the API, the worker and the migrate job (docker-compose.yml picks the command).
# The code runs from TypeScript through @swc-node/register, exactly as `npm start` does.
FROM node:20-bookworm-slim

WORKDIR /app

# Dependencies first (cached until a manifest or the lockfile changes). npm ci needs every
# workspace's package.json to link the @anjian/* packages.
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY libs/config/package.json libs/config/
COPY libs/contracts/package.json libs/contracts/
COPY libs/deadlines/package.json libs/deadlines/
COPY libs/domain/package.json libs/domain/
COPY libs/persistence/package.json libs/persistence/
COPY workflows/package.json workflows/
COPY activities/package.json activities/
COPY seeds/package.json seeds/
RUN npm ci --no-audit --no-fund && npm cache clean --force

COPY . .

ENV NODE_ENV=production
# The attachments volume mounts here; created owned by node so a fresh named volume is writable.
RUN mkdir -p /var/lib/anjian/attachments && chown node:node /var/lib/anjian/attachments
USER node
EXPOSE 3000
CMD ["node", "-r", "@swc-node/register", "apps/api/src/main.ts"]
