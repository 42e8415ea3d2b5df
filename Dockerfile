# One image for every service; the command picks the service (see docker-compose.yml and deploy/k8s).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
# nhs-sandbox's built-in test patients (only the sandbox reads them).
COPY --from=build /app/services/nhs-sandbox/data ./services/nhs-sandbox/data
USER node
ENTRYPOINT ["node", "-r", "./dist/tools/register-paths.js"]
CMD ["dist/gateway/src/main.js"]
