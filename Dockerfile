# Keel's image: one image, two roles (`keel api`, `keel worker`), chosen by the command.
# Base image pinned by version; npm 11 is pinned too because package.json#allowScripts
# (which install scripts may run) is an npm 11 feature.

FROM node:20.19.0-bookworm-slim AS deps
WORKDIR /app
RUN npm install -g npm@11.19.1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

FROM node:20.19.0-bookworm-slim
WORKDIR /app
# KEEL_DATA_DIR holds mail attachments: mount one volume there in the API and every worker.
# JWT_SECRET, KEEL_PAYLOAD_KEY and KEEL_MAIL_KEY must be given (see temporal-compose.yml);
# in production `keel api` / `keel worker` refuse to start without them (never generate them).
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 SMTP_PORT=2525 KEEL_DATA_DIR=/var/lib/keel
RUN mkdir -p /var/lib/keel && chown node:node /var/lib/keel
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/web/dist ./web/dist
COPY package.json tsconfig.json ./
COPY activities ./activities
COPY api ./api
COPY bin ./bin
COPY channels ./channels
COPY clients ./clients
COPY db ./db
COPY domain ./domain
COPY migrations ./migrations
COPY outbound ./outbound
COPY rules ./rules
COPY workers ./workers
COPY workflows ./workflows
# Everything above belongs to root: the application folder is read-only for the user it runs as.
USER node
EXPOSE 3000 2525
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The server runs TypeScript through tsx's loader: no separate compile step to drift.
CMD ["node", "--import", "tsx", "bin/keel.ts", "api"]
