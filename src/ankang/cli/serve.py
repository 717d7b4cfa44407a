"""`ankang serve`: run the API and the web app."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="run the API and web app / 启动服务")
    p.add_argument("--demo", action="store_true", help="demo mode on the embedded defaults / 演示模式")
    p.add_argument("--host", default=None)
    p.add_argument("--port", type=int, default=None)
    p.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from ankang.api.app import create_app
    from ankang.config import Settings

    overrides = {k: v for k, v in {"host": args.host, "port": args.port}.items() if v is not None}
    settings = Settings(demo=args.demo, **overrides)
    app = create_app(settings)
    print(f"安康 ankang → http://{settings.host}:{settings.port}/   (Ctrl+C 退出 / to stop)", flush=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
    return 0
