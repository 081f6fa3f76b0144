# The readiness-review GitHub App: Probot serving webhooks on $PORT (default 3000) at /api/github/webhooks,
# on Node.js 24 (the current LTS; Node 20 left support in April 2026). Compose and Kubernetes examples: deploy/.
# Build: docker build -t readiness-review-app .
# Run:   docker run -p 3000:3000 -e APP_ID=... -e WEBHOOK_SECRET=... -e PRIVATE_KEY_PATH=/run/secrets/app.pem \
#          -v "$PWD/app.pem:/run/secrets/app.pem:ro" readiness-review-app

# Build stage: compile TypeScript with the dev dependencies, which stay out of the final image.
FROM node:24.22.3-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the build runs explicitly below, and the parsers load WebAssembly, not native add-ons.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY checks ./checks
COPY scripts ./scripts
RUN npx tsc -p tsconfig.build.json

# Runtime stage: production dependencies and compiled code only, run as the unprivileged `node` user.
FROM node:24.22.3-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# Probot answers GET /ping with PONG once it is serving.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ping').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/server.js"]
