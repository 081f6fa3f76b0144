// Table tests for cors-wildcard.
import check from '../../checks/cors-wildcard.js';
import { testCheck } from '../helpers/check-tester.js';

/** A Node entry module that mounts `line` on the app. */
const appWide = (line: string) => `const express = require('express');\nconst cors = require('cors');\nconst app = express();\n${line}\napp.listen(3000);\n`;
/** A middleware module that adds an any-origin header to every response it passes on. */
const streamRoute = "module.exports = (req, res, next) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  next();\n};\n";

const py = (...lines: string[]) => lines.join('\n') + '\n';
const fastapi = (...lines: string[]) => py('from fastapi import FastAPI', 'from fastapi.middleware.cors import CORSMiddleware', 'app = FastAPI()', ...lines);

/** A helper that opens CORS, and a caller; `caller` decides where the helper runs. */
const helperModule = (caller: string) =>
  [
    'const { allowAllOrigin } = require("./util");',
    '',
    'exports.allowDevAllOrigin = (res) => {',
    caller,
    '};',
    '',
    'exports.allowAllOrigin = (res) => {',
    '    res.header("Access-Control-Allow-Origin", "*");',
    '};',
    '',
  ].join('\n');
/** A Go (gorilla/mux) server whose routes are `paths`, with a handler that sets a literal `*` header on line 8 + the number of paths. */
const goServer = (...paths: string[]) =>
  [
    'package controllers',
    '',
    'func (ps *Server) registerRoutes() {',
    '\trouter := mux.NewRouter()',
    ...paths.map((p) => `\trouter.HandleFunc("${p}", ps.ReportHandler)`),
    '}',
    '',
    'func (ps *Server) ReportHandler(w http.ResponseWriter, r *http.Request) {',
    '\tw.Header().Set("Access-Control-Allow-Origin", "*") // browser extensions post reports from any page',
    '\tw.WriteHeader(http.StatusNoContent)',
    '}',
    '',
  ].join('\n');

/** Next.js middleware adding `*` headers to rewrites of the given paths. */
const middleware = (...paths: string[]) =>
  [
    "export const config = { matcher: '/:path*' };",
    ...paths.map((p, i) => `const ROUTE_${i} = '${p}';`),
    "const publicHeaders = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-cache' };",
    'export default function middleware(req) {',
    ...paths.map((_, i) => `  if (req.nextUrl.pathname.endsWith(ROUTE_${i})) return NextResponse.rewrite(req.nextUrl, { headers: publicHeaders });`),
    '}',
    '',
  ].join('\n');

/** excalidraw-room: a socket.io preflight handler that sent every caller's origin back with credentials (base), rewritten as socket.io's `cors` option. */
const reflectingHandler = [
  'const io = socketIO(server, {',
  '  handlePreflightRequest: (req, res) => {',
  '    const headers = {',
  '      "Access-Control-Allow-Origin": (req.header && req.header.origin) || "https://app.example.com",',
  '      "Access-Control-Allow-Credentials": true,',
  '    };',
  '    res.writeHead(200, headers);',
  '    res.end();',
  '  },',
  '});',
  '',
].join('\n');
const socketCors = [
  'const io = new Server(server, {',
  '  cors: {',
  '    origin: process.env.CORS_ORIGIN || "*",',
  '    credentials: true,',
  '  },',
  '});',
  '',
].join('\n');

/** An Express router that builds a wildcard `cors()` once and hands it to the routes `routes` list (`[method, path]`), or mounts it with `use`. */
const perRouteCors = (routes: [string, string][], mount = false) =>
  [
    "import express from 'express';",
    "import cors from 'cors';",
    "const openCors = cors({ origin: '*', methods: ['GET', 'POST'], credentials: false });",
    'export const router = express.Router();',
    ...(mount ? ['router.use(openCors);'] : []),
    ...routes.map(([method, path]) => `router.${method}(\n  '${path}',\n  openCors,\n  handler,\n);`),
    '',
  ].join('\n');

/** A gin router that mounts a wildcard `cors.New` middleware on a `content` group (or the engine) whose routes take `middlewares`. */
const ginContentGroup = (middlewares: string[], onEngine = false) =>
  [
    'package routers',
    '',
    'func initRouter(r *gin.Engine) {',
    '\tfile := r.Group("file")',
    '\tcontent := file.Group("content")',
    '\tcontentCors := cors.New(cors.Config{',
    '\t\tAllowOrigins: []string{"*"},',
    '\t})',
    onEngine ? '\tr.Use(contentCors)' : '\tcontent.Use(contentCors)',
    '\t{',
    '\t\tcontent.OPTIONS("*option", contentCors)',
    ...middlewares.map((m, i) => `\t\tcontent.GET(":id/${i}",\n\t\t\t${m},\n\t\t\tcontrollers.ServeEntity,\n\t\t)`),
    '\t}',
    '}',
    '',
  ].join('\n');
/** A Parse Server app's entry module and its package.json with `dependencies`. */
const parseApp = (dependencies: Record<string, string>, devDependencies: Record<string, string> = {}) => ({
  'apps/Server/package.json': JSON.stringify({ name: 'server', dependencies, devDependencies }, null, 2) + '\n',
  'apps/Server/index.js': "import express from 'express';\nimport cors from 'cors';\nimport { ParseServer } from 'parse-server';\nexport const app = express();\napp.use(cors());\napp.use('/app', new ParseServer(config).app);\n",
});
/** An Express entry module whose cors options are `options`. */
const corsWith = (options: string) => `import express from 'express';\nimport cors from 'cors';\nconst app = express();\napp.use(${options});\n`;

/** A Next.js App Router route file whose GET answers `*`; `read` goes first in the handler, `extra` after it. */
const nextRoute = (read = '', extra = '') =>
  `import { NextResponse } from "next/server";\n\nexport const dynamic = "force-static";\n\nexport async function GET() {\n${read}  const sorted = list.map((code) => ({ code }));\n  return NextResponse.json(sorted, {\n    headers: {\n      "Access-Control-Allow-Origin": "*",\n      "Cache-Control": "public, max-age=86400",\n    },\n  });\n}\n${extra}`;

/** A gin server's main.go that mounts gin-contrib/cors for every origin, with or without credentials. */
const ginOpen = (credentials: boolean) =>
  `package main\n\nfunc main() {\n\tconfig := cors.DefaultConfig()\n\tconfig.AllowAllOrigins = true\n${credentials ? '\tconfig.AllowCredentials = true\n' : ''}\tr.Use(cors.New(config))\n}\n`;
/** An event-stream handler that sets its own CORS headers, with credentials. */
const ginStream = 'package realtime\n\nfunc (h *Handler) Stream(c *gin.Context) {\n\tc.Header("Content-Type", "text/event-stream")\n\tc.Header("Access-Control-Allow-Origin", "*")\n\tc.Header("Access-Control-Allow-Credentials", "true")\n}\n';

testCheck(check, {
  valid: [
    {
      // kentcdodds.com 0227bc339944: the worker's middleware opens only its /.well-known/ discovery documents to every origin.
      name: 'a * header set only under a condition on public paths (/.well-known/), in middleware that serves private paths too',
      after: {
        'services/worker/src/bootstrap.ts': [
          'app.use(async (request: Request, env: Env, next: () => Promise<Response>) => {',
          '  const response = await next()',
          '  const url = new URL(request.url)',
          '  const headers = new Headers(response.headers)',
          "  if (url.pathname.startsWith('/.well-known/')) {",
          "    headers.set('Access-Control-Allow-Origin', '*')",
          '  }',
          "  if (url.pathname === '/api/me') {",
          "    headers.set('Cache-Control', 'private')",
          '  }',
          '  return new Response(response.body, { status: response.status, headers })',
          '})',
          '',
        ].join('\n'),
      },
    },
    {
      // ferdium-server e503468660a1: AdonisJS v5's config/cors.ts as the starter writes it, CORS switched off.
      name: "AdonisJS's CORS configuration switched off (enabled: false)",
      after: {
        'config/cors.ts': [
          "import { CorsConfig } from '@ioc:Adonis/Core/Cors'",
          'const corsConfig: CorsConfig = {',
          '  /* Setting the value to `true` will enable the CORS for all HTTP request. */',
          '  enabled: false,',
          '  // enabled: (request) => request.url().startsWith(\'/api\')',
          '  origin: true,',
          '  credentials: true,',
          '}',
          'export default corsConfig',
          '',
        ].join('\n'),
      },
    },
    {
      // importarr: the app already ran CORS(app) for every route; the change gives a new blueprint route the same decorator.
      name: 'a Flask route decorator without credentials in an app whose base already opened every route with CORS(app)',
      before: { 'backend/app/__init__.py': py('from flask import Flask', 'from flask_cors import CORS', 'app = Flask(__name__)', 'CORS(app)') },
      after: {
        'backend/app/__init__.py': py('from flask import Flask', 'from flask_cors import CORS', 'app = Flask(__name__)', 'CORS(app)'),
        'backend/app/importer/routes.py': py('from flask_cors import cross_origin', '@bp.route("/import", methods=["POST"])', '@cross_origin()', 'def start_import():', '    return "ok"'),
      },
    },
    {
      // profilarr d7d6b13e465c: main.py opened every path with a catch-all resource before the new blueprint's decorator.
      name: 'a Flask route decorator in an app whose base opened every path with a catch-all resource',
      before: { 'backend/app/main.py': py('from flask_cors import CORS', 'CORS(app, resources={r"/*": {"origins": "*"}})') },
      after: {
        'backend/app/main.py': py('from flask_cors import CORS', 'CORS(app, resources={r"/*": {"origins": "*"}})'),
        'backend/app/importer/routes.py': py('from flask_cors import cross_origin', '@bp.route("", methods=["POST", "OPTIONS"])', '@cross_origin()', 'def import_items():', '    return "ok"'),
      },
    },
    {
      name: 'Spring, ASP.NET Core, Go and rack-cors settings that name their origins, and a Spring configuration kept for the dev profile',
      after: {
        'src/main/java/app/WebConfig.java': 'class WebConfig {\n  void addCorsMappings(CorsRegistry registry) {\n    registry.addMapping("/api/**").allowedOrigins(origins);\n  }\n}\n',
        'src/main/java/app/DevCors.java': '@Configuration\n@Profile("dev")\nclass DevCors {\n  void addCorsMappings(CorsRegistry registry) {\n    registry.addMapping("/**").allowedOrigins("*");\n  }\n}\n',
        'Program.cs': 'builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(origins).AllowAnyHeader()));\n// p.AllowAnyOrigin();\n',
        'server/router.go': 'package server\n\nvar config = cors.Config{\n\tAllowOrigins: []string{"https://app.example.com"},\n}\n',
        'config/initializers/cors.rb': 'Rails.application.config.middleware.insert_before 0, Rack::Cors do\n  allow do\n    origins ENV.fetch("CORS_ORIGINS").split(",")\n    resource "*", headers: :any\n  end\nend\n',
      },
    },
    {
      name: 'the header sent with a request by an HTTP client (fetch, axios, an XHR, Python requests), which only a response can set',
      after: {
        'src/components/Api.tsx': "export async function load(url: string) {\n  const res = await fetch(url, { headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' } });\n  return res.json();\n}\n",
        'src/api.js': "import axios from 'axios';\nexport const get = (url) => axios.get(url, { headers: { \"Access-Control-Allow-Origin\": \"*\" } });\nexport const send = (xhr) => xhr.setRequestHeader('Access-Control-Allow-Origin', '*');\n",
        'client.py': 'import requests\n\n\ndef fetch(url):\n    return requests.get(\n        url,\n        headers={"Access-Control-Allow-Origin": "*"},\n    )\n',
      },
    },
    {
      name: 'headers of a build tool\'s development or preview server (vite.config.ts, webpack.dev.js)',
      after: {
        'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({\n  server: { port: 3000, headers: { 'Access-Control-Allow-Origin': '*' } },\n});\n",
        'webpack.dev.js': "module.exports = {\n  devServer: { port: 8080, headers: { 'Access-Control-Allow-Origin': '*' } },\n};\n",
      },
    },
    {
      name: 'JS: a wildcard cors() handed only to an OAuth server\'s public discovery, registration, token and revocation routes',
      after: { 'src/routers/oauth-as.router.ts': perRouteCors([['get', '/.well-known/oauth-authorization-server'], ['options', '/oauth/register'], ['post', '/oauth/register'], ['post', '/oauth/token'], ['post', '/oauth/revoke']]) },
    },
    { name: "JS: a file whose base already sent every caller's origin back with credentials, rewritten as a configuration", before: { 'src/index.ts': reflectingHandler }, after: { 'src/index.ts': socketCors } },
    { name: 'FastAPI with an explicit origin list', after: { 'app/main.py': fastapi('app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)') } },
    { name: 'FastAPI with origins from settings', after: { 'app/main.py': fastapi('app.add_middleware(CORSMiddleware, allow_origins=settings.CORS_ORIGINS)') } },
    { name: 'FastAPI with a narrow origin regex', after: { 'app/main.py': fastapi('app.add_middleware(CORSMiddleware, allow_origin_regex=r"https://.*\\.example\\.com")') } },
    {
      name: 'Django: credentials added beside an explicit origin list, or where the base already allowed them',
      before: { 'a/settings.py': py('CORS_ALLOWED_ORIGINS = ["https://app.example.com"]'), 'b/settings.py': py('CORS_ORIGIN_ALLOW_ALL = True', 'CORS_ALLOW_CREDENTIALS = True') },
      after: { 'a/settings.py': py('CORS_ALLOWED_ORIGINS = ["https://app.example.com"]', 'CORS_ALLOW_CREDENTIALS = True'), 'b/settings.py': py('CORS_ORIGIN_ALLOW_ALL = True', '# cookies for the web app', 'CORS_ALLOW_CREDENTIALS = True') },
    },
    {
      // go2rtc e74fc6f1: CORS headers set on a request to a vendor's cloud API.
      name: 'Go: a * header on a request the code sends',
      after: { 'pkg/cloud/api.go': 'package cloud\n\nfunc (c *Client) call(url string) {\n\treq, _ := http.NewRequest("POST", url, nil)\n\treq.Header.Set("Access-Control-Allow-Origin", "*")\n\thttpReq.Header.Add("Access-Control-Allow-Origin", "*")\n}\n' },
    },
    {
      // mozilla/kitsune b6dc08a4e26a: django-cors-headers' deprecated setting renamed; the API was already open to every origin.
      name: 'Django: the base already allowed every origin under the deprecated name; the change renames the setting',
      before: { 'mysite/settings.py': py('CORS_ORIGIN_ALLOW_ALL = True', 'CORS_URLS_REGEX = r"^/api/.*$"') },
      after: { 'mysite/settings.py': py('CORS_ALLOW_ALL_ORIGINS = True', 'CORS_URLS_REGEX = r"^/api/.*$"') },
    },
    { name: 'Django CORS_ALLOW_ALL_ORIGINS = False', after: { 'mysite/settings.py': py('CORS_ALLOW_ALL_ORIGINS = False', 'CORS_ALLOW_CREDENTIALS = True') } },
    { name: 'Django allow-all decided by DEBUG', after: { 'mysite/settings.py': py('DEBUG = False', 'CORS_ALLOW_ALL_ORIGINS = DEBUG') } },
    { name: 'Django development settings', after: { 'mysite/settings/dev.py': py('CORS_ALLOW_ALL_ORIGINS = True') } },
    { name: 'Flask-CORS with origins', after: { 'app.py': py('from flask_cors import CORS', 'CORS(app, origins=["https://app.example.com"], supports_credentials=True)') } },
    { name: 'Flask-CORS resources with origins', after: { 'app.py': py('from flask_cors import CORS', 'CORS(app, resources={r"/api/*": {"origins": os.environ["ORIGINS"].split(",")}})') } },
    { name: 'Flask-CORS configured through app.config', after: { 'app.py': py('from flask_cors import CORS', 'app.config["CORS_ORIGINS"] = ["https://app.example.com"]', 'CORS(app)') } },
    { name: 'Flask-CORS created bare for init_app', after: { 'app/extensions.py': py('from flask_cors import CORS', 'cors = CORS()') } },
    { name: 'a CORS() that is not Flask-CORS', after: { 'app.py': py('from mylib import CORS', 'CORS(app)') } },
    { name: 'commented-out wildcard header', after: { 'app.py': py('# response.headers["Access-Control-Allow-Origin"] = "*"', 'x = 1') } },
    { name: 'reading the header in a test-like comparison', after: { 'app/check.py': py('ok = response.headers["Access-Control-Allow-Origin"] == "*"') } },
    {
      // Flask-CORS merges the app's CORS_* settings into a decorator or CORS(app) that names no origins.
      name: 'Flask-CORS cross_origin and CORS(app) without origins, in an app whose settings module lists its origins',
      after: {
        'monitor/settings.py': py('CORS_ORIGINS = [', "    'http://localhost:8000',", "    'http://localhost:8080',", ']', 'CORS_SUPPORTS_CREDENTIALS = True'),
        'monitor/auth/cas.py': py('from flask_cors import cross_origin', '@auth.route("/auth/cas", methods=["OPTIONS", "POST"])', '@cross_origin(supports_credentials=True)', 'def cas_login():', '    return "ok"'),
        'monitor/app.py': py('from flask_cors import CORS', 'CORS(app, supports_credentials=True)'),
      },
    },
    { name: 'Apache: the font header inside a FilesMatch for web-font files', after: { '.htaccess': '<IfModule mod_headers.c>\n    <FilesMatch "\\.(eot|font.css|otf|ttc|ttf|woff)$">\n        Header set Access-Control-Allow-Origin "*"\n    </FilesMatch>\n</IfModule>\n' } },
    {
      name: 'nginx: the header inside a location for static files by extension or a static folder',
      after: { 'nginx/site.conf': 'server {\n  location ~* \\.(?:woff2?|ttf|css)$ {\n    add_header Access-Control-Allow-Origin *;\n  }\n  location /static/ {\n    add_header Access-Control-Allow-Origin "*";\n  }\n}\n' },
    },
    {
      // A view that sets `*` on its own responses, without credentials and without a login: other sites read what an anonymous request gets.
      name: 'Python: a literal * header a public class-based view or a routed function sets on its own response',
      after: {
        'maps/views.py': py(
          'class MapView(MapDetailMixin, PermissionsMixin, DetailView):',
          '    def get(self, request, *args, **kwargs):',
          '        response = super().get(request, *args, **kwargs)',
          '        response["Access-Control-Allow-Origin"] = "*"',
          '        return response',
          '',
          'class BaseIngestAPIView(View):',
          '    @staticmethod',
          '    def _set_cors_headers(response):',
          '        response["Access-Control-Allow-Origin"] = "*"',
          '        return response',
          '',
          '@app.route("/oembed")',
          'def oembed():',
          '    response = jsonify({})',
          '    response.headers["Access-Control-Allow-Origin"] = "*"',
          '    return response',
        ),
      },
    },
    { name: 'Express with an origin list', after: { 'server.js': "const cors = require('cors');\napp.use(cors({ origin: ['https://app.example.com'], credentials: true }));\n" } },
    { name: 'Express: cors() in a comment', after: { 'server.js': "const cors = require('cors');\n// app.use(cors());\napp.use(cors({ origin: allowed }));\n" } },
    {
      // human-essentials: webpacker's dev_server headers, under the development section of config/webpacker.yml.
      name: 'YAML: a * header in a development section and in a dev server block',
      after: {
        'config/webpacker.yml': ['default: &default', '  source_path: app/javascript', 'development:', '  <<: *default', '  dev_server:', '    host: localhost', '    headers:', "      'Access-Control-Allow-Origin': '*'", 'production:', '  <<: *default', ''].join('\n'),
        'config/app.yml': ['server:', '  devServer:', '    headers:', '      "Access-Control-Allow-Origin": "*"', ''].join('\n'),
      },
    },
    {
      // halo: a Vite plugin serves its module bridges from the dev server with a literal * header; `vite build` emits them as files.
      name: 'JS: a header set in a Vite plugin\'s configureServer hook and a webpack-dev-server setupMiddlewares',
      after: {
        'ui/src/vite/bridges.ts': [
          'export function bridgePlugin(): Plugin {',
          '  return {',
          '    name: "bridges",',
          '    configureServer(server) {',
          '      server.middlewares.use((request, response, next) => {',
          '        response.setHeader("Access-Control-Allow-Origin", "*");',
          '        response.end("");',
          '      });',
          '    },',
          '  };',
          '}',
          '',
        ].join('\n'),
        'webpack.config.js': [
          'module.exports = {',
          '  devServer: {',
          '    setupMiddlewares: (middlewares, devServer) => {',
          '      devServer.app.use((req, res, next) => {',
          "        res.setHeader('Access-Control-Allow-Origin', '*');",
          '        next();',
          '      });',
          '      return middlewares;',
          '    },',
          '  },',
          '};',
          '',
        ].join('\n'),
      },
    },
    {
      // Spoolman: "Allow all origins if in debug mode", behind an opt-in debug setting that is off by default.
      name: 'FastAPI and Flask: openings in branches that run only outside production',
      after: {
        'app/main.py': fastapi(
          'if env.is_debug_mode():',
          '    app.add_middleware(',
          '        CORSMiddleware,',
          '        allow_origins=["*"],',
          '        allow_credentials=True,',
          '    )',
          'if settings.ENVIRONMENT == "development":',
          '    app.add_middleware(CORSMiddleware, allow_origins=["*"])',
          'if IS_PRODUCTION:',
          '    app.add_middleware(CORSMiddleware, allow_origins=settings.ORIGINS)',
          'else:',
          '    app.add_middleware(CORSMiddleware, allow_origins=["*"])',
        ),
        'web/app.py': py('from flask import Flask', 'from flask_cors import CORS', 'app = Flask(__name__)', 'if app.debug:', '    CORS(app)', 'elif not settings.IS_PROD:', '    CORS(app)'),
      },
    },
    {
      name: 'Express: openings in branches that run only outside production',
      after: {
        'src/server.js': [
          "const cors = require('cors');",
          "const isDev = process.env.NODE_ENV !== 'production';",
          'if (isDev) app.use(cors());',
          "if (process.env.NODE_ENV === 'development') {",
          "  res.setHeader('Access-Control-Allow-Origin', '*');",
          '}',
          'if (config.isProduction) {',
          '  app.use(cors({ origin: allowed }));',
          '} else {',
          "  app.use(cors({ origin: '*' }));",
          '}',
          '',
        ].join('\n'),
      },
    },
    { name: 'Express: a different cors function', after: { 'server.js': "import { cors } from './my-cors';\napp.use(cors());\n" } },
    { name: 'JS: header name only inside a comment', after: { 'server.js': "// res.setHeader('Access-Control-Allow-Origin', '*')\nres.setHeader('X-Frame-Options', 'DENY');\n" } },
    { name: 'nginx with a specific origin', after: { 'deploy/nginx.conf': 'add_header Access-Control-Allow-Origin https://app.example.com always;\n' } },
    { name: 'nginx wildcard in a comment', after: { 'deploy/nginx.conf': '# add_header Access-Control-Allow-Origin *;\n' } },
    { name: 'a README describing the problem', after: { 'README.md': 'Do not use `allow_origins=["*"]` or `Access-Control-Allow-Origin: *`.\n' } },
    { name: 'a wildcard the change did not add', before: { 'app/main.py': fastapi('app.add_middleware(CORSMiddleware, allow_origins=["*"])') }, after: { 'app/main.py': fastapi('app.add_middleware(CORSMiddleware, allow_origins=["*"])', 'origin_note = 1') } },
    {
      name: 'a wildcard header the base already sent, only re-quoted',
      before: { 'api/middleware.py': "def add_cors(response):\n    response['Access-Control-Allow-Origin'] = '*'\n    return response\n" },
      after: { 'api/middleware.py': 'def add_cors(response):\n    response["Access-Control-Allow-Origin"] = "*"\n    return response\n' },
    },
    {
      name: 'JS: a helper the change adds that only development code calls',
      after: { 'server/util.js': helperModule('    if (process.env.NODE_ENV === "development") {\n        exports.allowAllOrigin(res);\n    }'), 'server/server.js': 'const { allowDevAllOrigin } = require("./util");\napp.get("/api/status", (req, res) => { allowDevAllOrigin(res); res.json({}); });\n' },
    },
    {
      name: 'JS: a WebFinger controller answering with a literal * header (RFC 7033), no credentials',
      after: { 'src/controllers/well-known.js': "exports.webfinger = async (req, res) => {\n  res.set('Access-Control-Allow-Origin', '*');\n  res.status(200).json({ subject: 'acct:x' });\n};\n" },
    },
    { name: 'JS: a literal * header for a tracker script and a beacon endpoint only', after: { 'docker/middleware.ts': middleware('/script.js', '/api/send') } },
    { name: 'JS: a literal * header for badges and static files only', after: { 'src/routes.ts': middleware('/api/badge', '/static/app.css', '/locales/en.json') } },
    { name: 'Go: a literal * header on a server that routes only a report beacon, a pixel and static files', after: { 'controllers/phish.go': goServer('/static/', '/track', '/report', '/{path:.*}/report', '/{path:.*}') } },
    { name: 'Go: an API path named only in a comment is no route', after: { 'controllers/phish.go': goServer('/track').replace('package controllers', 'package controllers // the admin server serves "/api/users"') } },
    { name: 'JS: a literal * header on a CSP report endpoint only', after: { 'src/routes.ts': middleware('/csp-report') } },
    {
      name: 'JS: a middleware sends * while the app already mounts the cors defaults on every route',
      before: { 'Server/index.js': appWide('app.use(cors());') },
      after: { 'Server/index.js': appWide('app.use(cors());'), 'Server/controllers/stream.js': streamRoute },
    },
    {
      // donetick 4c7b4db62734: main.go mounts gin-contrib/cors with AllowAllOrigins and AllowCredentials; the SSE handler repeats it.
      name: 'Go: a handler sends * with credentials while the server already mounts an any-origin CORS with credentials on every route',
      before: { 'main.go': ginOpen(true) },
      after: { 'main.go': ginOpen(true), 'internal/realtime/polling_handler.go': ginStream },
    },
    {
      name: 'JS and Go: one request handler sets * on its own responses, without credentials (next(error) only forwards a failure)',
      after: {
        'src/controllers/users.js': "exports.list = async (req, res) => {\n  res.set('Access-Control-Allow-Origin', '*');\n  res.json([]);\n};\n",
        'server/app.js': "app.get('/api/items', (req, res) => {\n  res.set({ 'Access-Control-Allow-Origin': '*' });\n  res.json(items);\n});\n",
        'Server/controllers/stream.js': "class Streams {\n  async getMonitors(req, res, next) {\n    try {\n      res.setHeader('Access-Control-Allow-Origin', '*');\n      res.write('data: {}');\n    } catch (error) {\n      next(error);\n    }\n  }\n}\n",
        'middleware/middleware.go': goServer('/report', '/login'),
        'controllers/api.go': goServer('/api/reports'),
      },
    },
    {
      name: 'Go: a gin handler (a function of one framework context) sets * on its own response, without credentials',
      after: {
        'routers/controllers/callback.go': 'package controllers\n\n// S3Callback is where the bucket redirects the browser after an upload.\nfunc S3Callback(c *gin.Context) {\n\tc.Header("Access-Control-Allow-Origin", "*")\n\tvar body callback.S3Callback\n\tc.JSON(200, body.PreProcess(c))\n}\n',
        'internal/controller/ai_controller.go': 'package controller\n\nfunc (c *AIController) ChatCompletions(ctx *gin.Context) {\n\treq.UserID = middleware.GetLoginUserIDFromContext(ctx)\n\tctx.Header("Content-Type", "text/event-stream")\n\tctx.Header("Access-Control-Allow-Origin", "*")\n\tctx.Status(http.StatusOK)\n}\n',
        'server/echo.go': 'package server\n\nfunc Feed(c echo.Context) error {\n\tc.Response().Header().Set("Access-Control-Allow-Origin", "*")\n\treturn c.JSON(200, items)\n}\n',
      },
    },
    {
      name: 'Go: a wildcard cors.New mounted only on a route group whose every route checks a signed URL',
      after: { 'routers/router.go': ginContentGroup(['middleware.SignRequired(dep.GeneralAuth())', 'middleware.SignRequired(dep.GeneralAuth())']) },
    },
    {
      name: 'JS: cors() on the app of a package that serves a Parse Server API',
      after: parseApp({ express: '^4.18.0', 'parse-server': '6.0.0' }),
    },
    {
      name: "JS: cors({ origin: env.url ? env.url : '*' }) rewritten as cors(), the same opening where the environment names no origin",
      before: { 'src/server/app.ts': corsWith("cors({ origin: env.publicUrl ? env.publicUrl : '*' })") },
      after: { 'src/server/app.ts': corsWith('cors()') },
    },
    {
      name: 'JS: a Next.js App Router route handler (export async function GET in app/…/route.ts) answers * on its own response',
      after: {
        'apps/web/app/api/supported-countries/route.ts': nextRoute(),
        // useSend's to-html renderer and openlit's SDK endpoint answer their own preflight too (no credentials either way).
        'apps/web/app/api/to-html/route.ts': nextRoute('', 'export async function OPTIONS() {\n  return new Response(null, { status: 204, headers: { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, OPTIONS" } });\n}\n'),
      },
    },
    { name: "a developer's own .env opening CORS", after: { '.env': 'CORS_ORIGIN_ALLOW_ALL=True\n' } },
    { name: 'an env file that sets CORS_ORIGIN_ALLOW_ALL off', after: { 'env/app.env': 'CORS_ORIGIN_ALLOW_ALL=False\n' } },
  ],
  invalid: [
    {
      name: 'a * header under a condition that also takes private paths, or not on the path at all',
      after: {
        'src/a.ts': ['app.use(async (request, env, next) => {', '  const headers = new Headers()', "  if (url.pathname.startsWith('/.well-known/') || url.pathname.startsWith('/api/')) {", "    headers.set('Access-Control-Allow-Origin', '*')", '  }', '  return next()', '})', ''].join('\n'),
        'src/b.ts': ['app.use(async (request, env, next) => {', '  const headers = new Headers()', "  if (request.method === 'GET') {", "    headers.set('Access-Control-Allow-Origin', '*')", '  }', "  if (url.pathname === '/api/me') headers.set('Cache-Control', 'private')", '  return next()', '})', ''].join('\n'),
      },
      findings: [
        { path: 'src/a.ts', line: 4, messageId: 'wildcard' },
        { path: 'src/b.ts', line: 4, messageId: 'wildcard' },
      ],
    },
    {
      name: "AdonisJS's CORS configuration switched on, or off only in a comment",
      after: {
        'config/cors.ts': ["import { CorsConfig } from '@ioc:Adonis/Core/Cors'", 'const corsConfig: CorsConfig = {', '  enabled: true,', '  origin: true,', '  credentials: true,', '}', 'export default corsConfig', ''].join('\n'),
        'api/config/cors.ts': ["import { CorsConfig } from '@ioc:Adonis/Core/Cors'", 'const corsConfig: CorsConfig = {', '  // enabled: false,', '  enabled: (request) => true,', '  origin: true,', '  credentials: true,', '}', 'export default corsConfig', ''].join('\n'),
      },
      findings: [
        { path: 'api/config/cors.ts', line: 5, messageId: 'wildcardCredentials', severity: 'failure' },
        { path: 'config/cors.ts', line: 4, messageId: 'wildcardCredentials', severity: 'failure' },
      ],
    },
    {
      name: 'Go: a handler sends * with credentials where the server mounts CORS for listed origins, or any origin without credentials',
      before: { 'main.go': ginOpen(false), 'api/main.go': 'package main\n\nfunc main() {\n\tr.Use(cors.New(cors.Config{AllowOrigins: []string{"https://app.acme-corp.io"}}))\n}\n' },
      after: {
        'main.go': ginOpen(false),
        'internal/realtime/polling_handler.go': ginStream,
        'api/main.go': 'package main\n\nfunc main() {\n\tr.Use(cors.New(cors.Config{AllowOrigins: []string{"https://app.acme-corp.io"}}))\n}\n',
        'api/stream/events.go': ginStream,
      },
      findings: [{ path: 'api/stream/events.go', line: 5 }, { path: 'internal/realtime/polling_handler.go', line: 5 }],
    },
    {
      // What the base allowed is not what the change allows: credentials as well as every origin.
      name: 'Django: the base allowed every origin, the change allows credentials too',
      before: { 'mysite/settings.py': py('CORS_ORIGIN_ALLOW_ALL = True') },
      after: { 'mysite/settings.py': py('CORS_ALLOW_ALL_ORIGINS = True', 'CORS_ALLOW_CREDENTIALS = True') },
      findings: [{ line: 1, messageId: 'wildcardCredentials' }],
    },
    {
      name: 'a Flask route decorator when the base app allowed only listed origins, or opened every origin with credentials',
      before: {
        'a/app.py': py('from flask_cors import CORS', 'CORS(app, origins=["https://app.example.com"])'),
        'b/app.py': py('from flask_cors import CORS', 'CORS(app, supports_credentials=True)'),
        'c/app.py': py('from flask_cors import CORS', 'CORS(app, resources={r"/api/*": {"origins": "*"}})'),
      },
      after: {
        'a/app.py': py('from flask_cors import CORS', 'CORS(app, origins=["https://app.example.com"])'),
        'b/app.py': py('from flask_cors import CORS', 'CORS(app, supports_credentials=True)'),
        'c/app.py': py('from flask_cors import CORS', 'CORS(app, resources={r"/api/*": {"origins": "*"}})'),
        'a/views.py': py('from flask_cors import cross_origin', '@app.route("/api")', '@cross_origin()', 'def api():', '    return "ok"'),
        'b/views.py': py('from flask_cors import cross_origin', '@app.route("/api")', '@cross_origin()', 'def api():', '    return "ok"'),
        'c/admin.py': py('from flask_cors import cross_origin', '@app.route("/admin")', '@cross_origin()', 'def admin():', '    return "ok"'),
      },
      findings: [
        { path: 'a/views.py', line: 3, messageId: 'wildcard' },
        { path: 'b/views.py', line: 3, messageId: 'wildcard' },
        { path: 'c/admin.py', line: 3, messageId: 'wildcard' },
      ],
    },
    {
      name: 'JS: the same Next.js route handler when the handler reads the session, and outside app/',
      after: {
        'app/api/b/route.ts': nextRoute('  const session = await auth();\n'),
        'src/lib/route.ts': nextRoute(),
      },
      findings: [{ path: 'app/api/b/route.ts', line: 10 }, { path: 'src/lib/route.ts', line: 9 }],
    },
    {
      name: 'Go: a gin middleware that sets * without calling c.Next (returned by a HandlerFunc factory, handed to Use, or answering preflights), and a handler with credentials',
      after: {
        'middleware/cors.go': 'package middleware\n\nfunc Cors() gin.HandlerFunc {\n\treturn func(c *gin.Context) {\n\t\tc.Header("Access-Control-Allow-Origin", "*")\n\t}\n}\n',
        'server/router.go': 'package server\n\nfunc allowAll(c *gin.Context) {\n\tc.Header("Access-Control-Allow-Origin", "*")\n}\n\nfunc setup(r *gin.Engine) {\n\tr.Use(allowAll)\n}\n',
        'server/preflight.go': 'package server\n\nfunc Preflight(c *gin.Context) {\n\tc.Header("Access-Control-Allow-Origin", "*")\n\tif c.Request.Method == "OPTIONS" {\n\t\tc.AbortWithStatus(204)\n\t}\n}\n',
        'server/account.go': 'package server\n\nfunc Account(c *gin.Context) {\n\tc.Header("Access-Control-Allow-Origin", "*")\n\tc.Header("Access-Control-Allow-Credentials", "true")\n\tc.JSON(200, user)\n}\n',
        'server/me.go': 'package server\n\nfunc Me(c *gin.Context) {\n\tc.Header("Access-Control-Allow-Origin", "*")\n\ttoken := c.GetHeader("Authorization")\n\tc.JSON(200, lookup(token))\n}\n',
      },
      findings: [
        { path: 'middleware/cors.go', line: 5 },
        { path: 'server/account.go', line: 4, severity: 'failure' },
        { path: 'server/me.go', line: 4 },
        { path: 'server/preflight.go', line: 4 },
        { path: 'server/router.go', line: 4 },
      ],
    },
    {
      name: 'Go: the same wildcard cors.New on a group with a route that checks no signature, or mounted on the engine',
      after: {
        'routers/router.go': ginContentGroup(['middleware.SignRequired(dep.GeneralAuth())', 'middleware.LoginRequired()']),
        'routers/engine.go': ginContentGroup(['middleware.SignRequired(dep.GeneralAuth())'], true),
      },
      findings: [{ path: 'routers/engine.go', line: 7 }, { path: 'routers/router.go', line: 7 }],
    },
    {
      name: 'JS: cors() in a package with parse-server only among its devDependencies, or none',
      after: { ...parseApp({ express: '^4.18.0' }, { 'parse-server': '6.0.0' }), 'api/server.js': corsWith('cors()') },
      findings: [{ path: 'api/server.js', line: 4 }, { path: 'apps/Server/index.js', line: 5 }],
    },
    {
      name: "JS: a new cors({ origin: env.url ? env.url : '*' }) is an opening; so is cors() where the base named its origins",
      before: { 'src/server/app.ts': corsWith('cors({ origin: env.publicUrl })') },
      after: { 'src/server/app.ts': corsWith('cors()'), 'src/other/app.ts': corsWith("cors({ origin: env.publicUrl ? env.publicUrl : '*' })") },
      findings: [{ path: 'src/other/app.ts', line: 4 }, { path: 'src/server/app.ts', line: 4 }],
    },
    {
      name: 'JS: a middleware sends * while the app mounts cors only on a path, with credentials, or not in the base',
      before: {
        'a/index.js': appWide("app.use('/public', cors());"),
        'b/server.js': appWide('app.use(cors({ origin: "*", credentials: true }));'),
        'c/app.js': appWide('app.use(express.json());'),
      },
      after: {
        'a/index.js': appWide("app.use('/public', cors());"),
        'a/controllers/stream.js': streamRoute,
        'b/server.js': appWide('app.use(cors({ origin: "*", credentials: true }));'),
        'b/routes/stream.js': streamRoute,
        'c/app.js': appWide('app.use(cors());'),
        'c/controllers/stream.js': streamRoute,
      },
      findings: [
        { path: 'a/controllers/stream.js', line: 2 },
        { path: 'b/routes/stream.js', line: 2 },
        { path: 'c/app.js', line: 4 },
        { path: 'c/controllers/stream.js', line: 2 },
      ],
    },
    {
      name: 'Spring, ASP.NET Core, Go and rack-cors openings to every origin; with credentials a failure',
      after: {
        // One controller's `@CrossOrigin` without credentials opens its own endpoints only (not reported); with credentials it is a failure.
        'src/main/java/app/ItemController.java': '@RestController\n@CrossOrigin\nclass ItemController {}\n',
        'src/main/java/app/OrderController.java': '@RestController\n@CrossOrigin(origins = "*", allowCredentials = "true")\nclass OrderController {}\n',
        'src/main/kotlin/app/WebConfig.kt': 'class WebConfig : WebMvcConfigurer {\n  override fun addCorsMappings(registry: CorsRegistry) {\n    registry.addMapping("/**").allowedOriginPatterns("*").allowCredentials(true)\n  }\n}\n',
        'Program.cs': 'builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin().AllowAnyHeader()));\n',
        'server/router.go': 'package server\n\nvar config = cors.Config{\n\tAllowAllOrigins: true,\n}\n',
        'config/initializers/cors.rb': "Rails.application.config.middleware.insert_before 0, Rack::Cors do\n  allow do\n    origins '*'\n    resource '*', headers: :any\n  end\nend\n",
      },
      findings: [
        { path: 'Program.cs', line: 1, messageId: 'wildcard', remediation: /WithOrigins/ },
        { path: 'config/initializers/cors.rb', line: 3, messageId: 'wildcard', remediation: /Rack::Cors/ },
        { path: 'server/router.go', line: 4, messageId: 'wildcard', remediation: /AllowOrigins: origins/ },
        { path: 'src/main/java/app/OrderController.java', line: 2, messageId: 'literalCredentials', severity: 'failure', remediation: /allowedOrigins\(origins\)/ },
        { path: 'src/main/kotlin/app/WebConfig.kt', line: 3, messageId: 'literalCredentials', severity: 'failure' },
      ],
    },
    {
      name: 'the same header set on every response (an Express middleware), by a Flask function that is no view, or in the deployed framework\'s configuration (next.config.js), is reported',
      after: {
        'server/app.js': "app.use((req, res, next) => {\n  res.set({ 'Access-Control-Allow-Origin': '*' });\n  next();\n});\n",
        'app/views.py': 'from flask import make_response\n\n\ndef items():\n    return make_response("[]", 200, {"Access-Control-Allow-Origin": "*"})\n',
        'next.config.js': "module.exports = {\n  async headers() {\n    return [{ source: '/api/:path*', headers: [{ key: 'Access-Control-Allow-Origin', value: '*' }] }];\n  },\n};\n",
      },
      findings: [
        { path: 'app/views.py', line: 5 },
        { path: 'next.config.js', line: 3 },
        { path: 'server/app.js', line: 2 },
      ],
    },
    {
      name: 'JS: the same per-route cors() on an authenticated route, or mounted on the whole router, is reported',
      after: {
        'src/routers/a.router.ts': perRouteCors([['post', '/oauth/token'], ['get', '/api/campaigns']]),
        'src/routers/b.router.ts': perRouteCors([['post', '/oauth/token']], true),
      },
      findings: [
        { path: 'src/routers/a.router.ts', line: 3 },
        { path: 'src/routers/b.router.ts', line: 3 },
      ],
    },
    {
      name: "JS: the same configuration where the base reflected the origin without credentials",
      before: { 'src/index.ts': reflectingHandler.replace('      "Access-Control-Allow-Credentials": true,\n', '') },
      after: { 'src/index.ts': socketCors },
      findings: [{ line: 3 }],
    },
    {
      name: 'Flask-CORS without origins when the settings module opens every origin, or sets none',
      after: {
        'monitor/settings.py': py("CORS_ORIGINS = '*'"),
        'monitor/auth/cas.py': py('from flask_cors import cross_origin', '@auth.route("/auth/cas")', '@cross_origin(supports_credentials=True)', 'def cas_login():', '    return "ok"'),
        'other/config.py': py('DEBUG = False'),
        'other/app.py': py('from flask_cors import CORS', 'CORS(app)'),
      },
      findings: [
        { path: 'monitor/auth/cas.py', line: 3, messageId: 'wildcardCredentials', severity: 'failure' },
        { path: 'other/app.py', line: 2, messageId: 'wildcard' },
      ],
    },
    {
      name: 'Apache and nginx: the header in a block for pages or an API, or for files that are not static assets',
      after: {
        '.htaccess': '<FilesMatch "\\.(php|html)$">\n    Header set Access-Control-Allow-Origin "*"\n</FilesMatch>\n<Location "/api">\n    Header set Access-Control-Allow-Origin "*"\n</Location>\n',
        'nginx/site.conf': 'server {\n  location /api/ {\n    add_header Access-Control-Allow-Origin *;\n  }\n  location ~* \\.(woff2|ttf)$ {\n    add_header Access-Control-Allow-Origin *;\n    add_header Access-Control-Allow-Credentials true;\n  }\n}\n',
      },
      findings: [
        { path: '.htaccess', line: 2, messageId: 'wildcard' },
        { path: '.htaccess', line: 5, messageId: 'wildcard' },
        { path: 'nginx/site.conf', line: 3, messageId: 'literalCredentials' },
        { path: 'nginx/site.conf', line: 6, messageId: 'literalCredentials' },
      ],
    },
    {
      name: 'Python: a literal * header in a view behind a login, in a middleware, or with credentials',
      after: {
        'app/views.py': py(
          'class AccountView(LoginRequiredMixin, DetailView):',
          '    def get(self, request):',
          '        response = super().get(request)',
          '        response["Access-Control-Allow-Origin"] = "*"',
          '        return response',
          '',
          '@app.route("/api/me")',
          '@login_required',
          'def me():',
          '    response = jsonify({})',
          '    response.headers["Access-Control-Allow-Origin"] = "*"',
          '    return response',
          '',
          'class CorsMiddleware:',
          '    def __call__(self, request):',
          '        response = self.get_response(request)',
          '        response["Access-Control-Allow-Origin"] = "*"',
          '        return response',
        ),
        'app/public.py': py(
          'class FeedView(View):',
          '    def get(self, request):',
          '        response = HttpResponse()',
          '        response["Access-Control-Allow-Origin"] = "*"',
          '        response["Access-Control-Allow-Credentials"] = "true"',
          '        return response',
        ),
      },
      findings: [
        { path: 'app/public.py', line: 4, messageId: 'literalCredentials', severity: 'failure' },
        { path: 'app/views.py', line: 4, messageId: 'wildcard' },
        { path: 'app/views.py', line: 11, messageId: 'wildcard' },
        { path: 'app/views.py', line: 17, messageId: 'wildcard' },
      ],
    },
    {
      name: 'JS: a helper the change adds that production code calls too',
      after: { 'server/util.js': helperModule('    exports.allowAllOrigin(res);'), 'server/server.js': 'const { allowDevAllOrigin } = require("./util");\napp.get("/api/status", (req, res) => { allowDevAllOrigin(res); });\n' },
      findings: [{ path: 'server/util.js', line: 8, messageId: 'wildcard' }],
    },
    {
      name: 'JS: a helper the change adds that another file passes around',
      after: {
        'server/util.js': helperModule('    if (process.env.NODE_ENV === "development") {\n        exports.allowAllOrigin(res);\n    }'),
        'server/server.js': 'const { allowAllOrigin } = require("./util");\napp.use((req, res, next) => { allowAllOrigin(res); next(); });\n',
      },
      findings: [{ path: 'server/util.js', line: 10, messageId: 'wildcard' }],
    },
    {
      name: 'JS: a helper that was already there, newly opened',
      before: { 'server/util.js': 'exports.allowAllOrigin = (res) => {\n    res.header("X-Frame-Options", "DENY");\n};\nif (process.env.NODE_ENV === "development") exports.allowAllOrigin(res);\n' },
      after: { 'server/util.js': 'exports.allowAllOrigin = (res) => {\n    res.header("Access-Control-Allow-Origin", "*");\n};\nif (process.env.NODE_ENV === "development") exports.allowAllOrigin(res);\n' },
      findings: [{ line: 2, messageId: 'wildcard' }],
    },
    {
      name: 'JS: a WebFinger controller that also allows credentials',
      after: { 'src/controllers/webfinger.js': "exports.webfinger = async (req, res) => {\n  res.set('Access-Control-Allow-Origin', '*');\n  res.set('Access-Control-Allow-Credentials', 'true');\n  res.json({});\n};\n" },
      findings: [{ line: 2, messageId: 'literalCredentials', severity: 'failure' }],
    },
    {
      name: 'JS: the same header in a named function the app mounts with use(), and in a Koa middleware',
      after: {
        'src/server.js': "function allowAll(req, res) {\n  res.set('Access-Control-Allow-Origin', '*');\n}\napp.use(allowAll);\n",
        'src/koa.js': "app.use(async (ctx, next) => {\n  ctx.set('Access-Control-Allow-Origin', '*');\n  await next();\n});\n",
      },
      findings: [{ path: 'src/koa.js', line: 2, messageId: 'wildcard' }, { path: 'src/server.js', line: 2, messageId: 'wildcard' }],
    },
    {
      name: 'JS and Go: a handler of an authenticated route (behind an auth middleware, reading the signed-in user or session)',
      after: {
        'src/routes/me.js': "router.get('/me', requireAuth, (req, res) => {\n  res.set('Access-Control-Allow-Origin', '*');\n  res.json({});\n});\n",
        'src/routes/account.js': "exports.account = (req, res) => {\n  res.set('Access-Control-Allow-Origin', '*');\n  res.json(req.user);\n};\n",
        'web/account.go': 'package web\n\nfunc Account(w http.ResponseWriter, r *http.Request) {\n\tw.Header().Set("Access-Control-Allow-Origin", "*")\n\tuser := session.Get(r)\n\tjson.NewEncoder(w).Encode(user)\n}\n',
      },
      findings: [{ path: 'src/routes/account.js', line: 2 }, { path: 'src/routes/me.js', line: 2 }, { path: 'web/account.go', line: 4 }],
    },
    {
      name: 'Go: a literal * header in middleware that passes every request on (net/http, gin)',
      after: {
        'middleware/middleware.go': 'package middleware\n\nfunc RequireAPIKey(handler http.Handler) http.HandlerFunc {\n\treturn func(w http.ResponseWriter, r *http.Request) {\n\t\tw.Header().Set("Access-Control-Allow-Origin", "*")\n\t\thandler.ServeHTTP(w, r)\n\t}\n}\n',
        'server/cors.go': 'package server\n\nfunc Cors() gin.HandlerFunc {\n\treturn func(c *gin.Context) {\n\t\tc.Header("Access-Control-Allow-Origin", "*")\n\t\tc.Next()\n\t}\n}\n',
      },
      findings: [{ path: 'middleware/middleware.go', line: 5, messageId: 'wildcard' }, { path: 'server/cors.go', line: 5, messageId: 'wildcard' }],
    },
    {
      name: 'Go: a literal * header on public routes, with credentials',
      after: { 'controllers/phish.go': goServer('/track').replace('\tw.WriteHeader', '\tw.Header().Set("Access-Control-Allow-Credentials", "true")\n\tw.WriteHeader') },
      findings: [{ line: 9, messageId: 'literalCredentials', severity: 'failure' }],
    },
    { name: 'JS: a literal * header in a file that also routes an API', after: { 'docker/middleware.ts': middleware('/script.js', '/api/users') }, findings: [{ line: 4, messageId: 'wildcard' }] },
    {
      name: 'JS: a literal * header for public paths, with credentials',
      after: { 'docker/middleware.ts': middleware('/script.js').replace("'Cache-Control': 'no-cache'", "'Access-Control-Allow-Credentials': 'true'") },
      findings: [{ line: 3, messageId: 'literalCredentials', severity: 'failure' }],
    },
    {
      name: 'seed: FastAPI allow_origins=["*"]',
      after: { 'app/main.py': fastapi('app.add_middleware(', '    CORSMiddleware,', '    allow_origins=["*"],', '    allow_methods=["*"],', ')') },
      findings: [{ line: 6, severity: 'warning', messageId: 'wildcard', data: { source: '`allow_origins=["*"]`' }, remediation: /os\.environ\["CORS_ALLOWED_ORIGINS"\][\s\S]*allow_origins=origins/ }],
    },
    {
      name: "Go: a * header on a proxied response, and at the top of a file",
      after: { 'api/server.go': 'package api\n\nfunc handle(w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {\n\tw.Header().Set("Access-Control-Allow-Origin", "*")\n\tnext(w, r)\n}\nvar proxy = &httputil.ReverseProxy{ModifyResponse: func(resp *http.Response) error {\n\tresp.Header.Set("Access-Control-Allow-Origin", "*")\n\treturn nil\n}}\n' },
      findings: [{ line: 4, messageId: 'wildcard' }, { line: 8, messageId: 'wildcard' }],
    },
    {
      name: 'FastAPI wildcard with credentials is a failure',
      after: { 'app/main.py': fastapi('app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)') },
      findings: [{ line: 4, severity: 'failure', messageId: 'wildcardCredentials', data: { source: '`allow_origins=["*"]`' }, remediation: /only with the explicit list/ }],
    },
    { name: 'FastAPI match-all origin regex', after: { 'app/main.py': fastapi('app.add_middleware(CORSMiddleware, allow_origin_regex=".*")') }, findings: [{ line: 4, messageId: 'wildcard', data: { source: '`allow_origin_regex=".*"`' } }] },
    {
      name: 'FastAPI origins from a module-level variable',
      after: { 'app/main.py': fastapi('origins = ["*"]', 'app.add_middleware(', '    CORSMiddleware,', '    allow_origins=origins,', ')') },
      findings: [{ line: 7, messageId: 'wildcard' }],
    },
    {
      name: 'only the variable changed: reported on the variable',
      before: { 'app/main.py': fastapi('origins = ["https://app.example.com"]', 'app.add_middleware(CORSMiddleware, allow_origins=origins)') },
      after: { 'app/main.py': fastapi('origins = ["*"]', 'app.add_middleware(CORSMiddleware, allow_origins=origins)') },
      findings: [{ line: 4, messageId: 'wildcard' }],
    },
    { name: 'FastAPI origins from the environment with a * default', after: { 'app/main.py': fastapi('app.add_middleware(CORSMiddleware, allow_origins=os.getenv("CORS_ORIGINS", "*").split(","))') }, findings: [{ line: 4, messageId: 'wildcard' }] },
    { name: 'Starlette Middleware list', after: { 'app.py': py('from starlette.middleware import Middleware', 'from starlette.middleware.cors import CORSMiddleware', 'middleware = [Middleware(CORSMiddleware, allow_origins=["*"])]') }, findings: [{ line: 3, messageId: 'wildcard' }] },
    { name: 'Flask-CORS default origins', after: { 'app.py': py('from flask import Flask', 'from flask_cors import CORS', 'app = Flask(__name__)', 'CORS(app)') }, findings: [{ line: 4, severity: 'warning', messageId: 'wildcard', data: { source: '`CORS(app)`' }, remediation: /CORS\(app, resources=/ }] },
    { name: 'Flask-CORS origins="*" with credentials', after: { 'app.py': py('from flask_cors import CORS', 'CORS(app, origins="*", supports_credentials=True)') }, findings: [{ line: 2, messageId: 'wildcardCredentials', severity: 'failure' }] },
    {
      name: 'Flask-CORS resources with a wildcard',
      after: { 'app.py': py('from flask_cors import CORS', 'CORS(app, resources={', '    r"/api/*": {"origins": "*"},', '    r"/public/*": {"methods": ["GET"]},', '})') },
      findings: [{ line: 3, messageId: 'wildcard' }, { line: 4, messageId: 'wildcard' }],
    },
    { name: 'Flask-CORS cross_origin decorator', after: { 'views.py': py('from flask_cors import cross_origin', '@app.route("/api")', '@cross_origin()', 'def api():', '    return "ok"') }, findings: [{ line: 3, messageId: 'wildcard' }] },
    {
      name: 'Django allow all origins with credentials',
      after: { 'mysite/settings.py': py('CORS_ALLOW_ALL_ORIGINS = True', 'CORS_ORIGIN_ALLOW_ALL = True', 'CORS_ALLOW_CREDENTIALS = True') },
      findings: [{ line: 1, messageId: 'wildcardCredentials', severity: 'failure', remediation: /CORS_ALLOWED_ORIGINS = / }, { line: 2, messageId: 'wildcardCredentials', severity: 'failure' }],
    },
    {
      // WebODM 3a55dea1: the settings already allowed every origin; the change allows credentials too.
      name: 'Django: credentials added beside an existing allow-all are reported on the added line',
      before: { 'mysite/settings.py': py('INSTALLED_APPS = []', 'CORS_ORIGIN_ALLOW_ALL = True', 'DEBUG = False') },
      after: { 'mysite/settings.py': py('INSTALLED_APPS = []', 'CORS_ORIGIN_ALLOW_ALL = True', 'CORS_ALLOW_CREDENTIALS = True', 'DEBUG = False') },
      findings: [{ line: 3, messageId: 'wildcardCredentials', severity: 'failure', data: { source: '`CORS_ORIGIN_ALLOW_ALL = True`' } }],
    },
    {
      name: 'FastAPI and Express: credentials switched on for an existing * opening',
      before: {
        'app/main.py': fastapi('app.add_middleware(', '    CORSMiddleware,', '    allow_origins=["*"],', ')'),
        'src/app.js': "const cors = require('cors');\napp.use(cors({\n  origin: '*',\n}));\n",
      },
      after: {
        'app/main.py': fastapi('app.add_middleware(', '    CORSMiddleware,', '    allow_origins=["*"],', '    allow_credentials=True,', ')'),
        'src/app.js': "const cors = require('cors');\napp.use(cors({\n  origin: '*',\n  credentials: true,\n}));\n",
      },
      findings: [
        { path: 'app/main.py', line: 7, severity: 'failure' },
        { path: 'src/app.js', line: 4, severity: 'failure' },
      ],
    },
    { name: 'Python header set to *', after: { 'app.py': py('@app.after_request', 'def cors(response):', '    response.headers["Access-Control-Allow-Origin"] = "*"', '    return response') }, findings: [{ line: 3, messageId: 'wildcard', remediation: /ALLOWED_ORIGINS/ }] },
    {
      name: 'Express cors() for every route and for preflights: one policy, said once',
      after: { 'src/app.js': "const cors = require('cors');\napp.use(cors());\napp.options('*', cors());\n" },
      findings: [{ line: 2, messageId: 'wildcard' }],
    },
    {
      name: 'FastAPI: openings under conditions that also hold in production',
      after: {
        'app/main.py': fastapi(
          'if settings.DEBUG or settings.OPEN_API:',
          '    app.add_middleware(CORSMiddleware, allow_origins=["*"])',
          'if settings.ENVIRONMENT == "production":',
          '    app.add_middleware(CORSMiddleware, allow_origins=["*"])',
          'if settings.DEBUG:',
          '    pass',
          'else:',
          '    app.add_middleware(CORSMiddleware, allow_origins=["*"])',
        ),
      },
      findings: [{ line: 5, messageId: 'wildcard' }, { line: 7, messageId: 'wildcard' }, { line: 11, messageId: 'wildcard' }],
    },
    {
      name: 'Express: openings under conditions that also hold in production',
      after: {
        'src/server.js': ["const cors = require('cors');", "if (isDev || process.env.OPEN_API) app.use(cors());", ''].join('\n'),
        'src/prod.js': ["if (process.env.NODE_ENV === 'production') {", "  res.setHeader('Access-Control-Allow-Origin', '*');", '}', ''].join('\n'),
      },
      findings: [
        { path: 'src/prod.js', line: 2, messageId: 'wildcard' },
        { path: 'src/server.js', line: 2, messageId: 'wildcard' },
      ],
    },
    {
      // Termix 981705e81d75: the same file's fallback header middleware repeats the `cors({ origin: '*' })` reported above it;
      // a header set first, or one that adds credentials, is judged on its own.
      name: 'Express: a * header below the CORS middleware the same file opens is said once; credentials are still reported',
      after: {
        'src/stats.js': [
          "app.use(cors({ origin: '*', methods: ['GET'] }));",
          'app.use((req, res, next) => {',
          "  res.setHeader('Access-Control-Allow-Origin', '*');",
          '  next();',
          '});',
          '',
        ].join('\n'),
        'src/first.js': ["res.setHeader('Access-Control-Allow-Origin', '*');", "app.use(cors({ origin: '*' }));", ''].join('\n'),
        'src/creds.js': [
          "app.use(cors({ origin: '*' }));",
          "res.setHeader('Access-Control-Allow-Origin', '*');",
          "res.setHeader('Access-Control-Allow-Credentials', 'true');",
          '',
        ].join('\n'),
      },
      findings: [
        { path: 'src/creds.js', line: 1, messageId: 'wildcard' },
        { path: 'src/creds.js', line: 2, messageId: 'literalCredentials', severity: 'failure' },
        { path: 'src/first.js', line: 1, messageId: 'wildcard' },
        { path: 'src/first.js', line: 2, messageId: 'wildcard' },
        { path: 'src/stats.js', line: 1, messageId: 'wildcard' },
      ],
    },
    {
      name: 'django-cors-headers opened through the env file a stack loads',
      before: { 'env/netbox.env': 'DB_NAME=netbox\n' },
      after: { 'env/netbox.env': 'CORS_ORIGIN_ALLOW_ALL=True\nDB_NAME=netbox\n' },
      findings: [{ line: 1, messageId: 'wildcard', data: { source: '`CORS_ORIGIN_ALLOW_ALL=True`' }, remediation: /CORS_ALLOWED_ORIGINS/ }],
    },
    {
      name: 'every origin with credentials in a production env file',
      after: { '.env.production': 'CORS_ALLOW_ALL_ORIGINS=true\nCORS_ALLOW_CREDENTIALS=true\n' },
      findings: [{ line: 1, messageId: 'wildcardCredentials', severity: 'failure' }],
    },
    {
      name: 'YAML: a * header in the production section is still reported',
      after: { 'config/headers.yml': ['development:', '  headers: {}', 'production:', '  headers:', "    'Access-Control-Allow-Origin': '*'", ''].join('\n') },
      findings: [{ line: 5, messageId: 'wildcard' }],
    },
    { name: 'Express cors() with no options', after: { 'server.js': "const express = require('express');\nconst cors = require('cors');\nconst app = express();\napp.use(cors());\n" }, findings: [{ line: 4, messageId: 'wildcard', data: { source: '`cors()`' }, remediation: /origin: allowedOrigins/ }] },
    {
      name: 'Express origin "*" and origin true with credentials',
      after: { 'src/app.ts': "import cors from 'cors';\napp.use(cors({\n  origin: '*',\n}));\napi.use(cors({ origin: true, credentials: true }));\n" },
      findings: [
        { line: 3, severity: 'failure', messageId: 'literalCredentials', data: { source: '`origin: \'*\'`' } },
        { line: 5, severity: 'failure', messageId: 'wildcardCredentials', data: { source: '`origin: true`' } },
      ],
    },
    { name: 'Express origin from the environment with a * fallback', after: { 'server.js': "const cors = require('cors');\napp.use(cors({ origin: process.env.CORS_ORIGIN || '*' }));\n" }, findings: [{ line: 2, messageId: 'wildcard', data: { source: '`origin: process.env.CORS_ORIGIN || \'*\'`' } }] },
    { name: 'Hono cors()', after: { 'src/index.ts': "import { Hono } from 'hono';\nimport { cors } from 'hono/cors';\napp.use('/api/*', cors());\n" }, findings: [{ line: 3, messageId: 'wildcard' }] },
    { name: 'Nest enableCors()', after: { 'src/main.ts': 'const app = await NestFactory.create(AppModule);\napp.enableCors();\n' }, findings: [{ line: 2, messageId: 'wildcard' }] },
    { name: 'socket.io cors origin *', after: { 'server.js': 'const io = new Server(httpServer, { cors: { origin: "*" } });\n' }, findings: [{ line: 1, messageId: 'wildcard' }] },
    { name: 'JS header set to *', after: { 'server.js': "res.setHeader('Access-Control-Allow-Origin', '*');\nres.setHeader('Access-Control-Allow-Credentials', 'true');\n" }, findings: [{ line: 1, severity: 'failure', messageId: 'literalCredentials', data: { source: '`\'Access-Control-Allow-Origin\', \'*\'`' } }] },
    {
      name: 'nginx add_header *',
      after: { 'nginx/default.conf': 'server {\n  location /api/ {\n    add_header Access-Control-Allow-Origin * always;\n    add_header \'Access-Control-Allow-Origin\' "*";\n  }\n}\n' },
      findings: [{ line: 3, messageId: 'wildcard', remediation: /map \$http_origin/ }, { line: 4, messageId: 'wildcard' }],
    },
    { name: 'nginx with credentials', after: { 'nginx.conf': 'add_header Access-Control-Allow-Origin "*";\nadd_header Access-Control-Allow-Credentials true;\n' }, findings: [{ line: 1, messageId: 'literalCredentials', severity: 'failure' }] },
    { name: 'Apache Header set', after: { 'public/.htaccess': 'Header set Access-Control-Allow-Origin "*"\n' }, findings: [{ line: 1, messageId: 'wildcard', remediation: /SetEnvIf Origin/ }] },
    { name: 'PHP header()', after: { 'api/index.php': '<?php\nheader("Access-Control-Allow-Origin: *");\n' }, findings: [{ line: 2, messageId: 'wildcard' }] },
    { name: 'Go header set', after: { 'handlers.go': 'w.Header().Set("Access-Control-Allow-Origin", "*")\n' }, findings: [{ line: 1, messageId: 'wildcard' }] },
    { name: 'Vercel headers config', after: { 'vercel.json': '{ "headers": [{ "source": "/api/(.*)", "headers": [\n  { "key": "Access-Control-Allow-Origin", "value": "*" }\n] }] }\n' }, findings: [{ line: 2, messageId: 'wildcard' }] },
  ],
});
