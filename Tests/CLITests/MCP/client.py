"""Drives `multiplier mcp` with the official MCP Python SDK (`pip install mcp`).

usage: python client.py MULTIPLIER_BINARY DATABASE

Connects over stdio, lists the tools and resources, calls every tool, reads every resource,
and prints what it got as one JSON object on stdout; MCPClientTests.swift checks it against
what the command line prints for the same database.
"""

import asyncio
import json
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


def field(value, snake, camel):
    """SDK 2.x names fields in snake case, 1.x as the protocol does."""
    return getattr(value, snake) if hasattr(value, snake) else getattr(value, camel)


def result_dict(result):
    return {
        "isError": field(result, "is_error", "isError"),
        "structured": field(result, "structured_content", "structuredContent"),
        "text": "".join(block.text for block in result.content if getattr(block, "type", "") == "text"),
    }


async def session_run(session, task_hint):
    tools = await session.list_tools()
    resources = await session.list_resources()
    out = {
        "tools": sorted(tool.name for tool in tools.tools),
        "toolsWithOutputSchema": sorted(tool.name for tool in tools.tools if field(tool, "output_schema", "outputSchema")),
        "resources": sorted(str(resource.uri) for resource in resources.resources),
        "calls": {},
        "reads": {},
    }
    await session.send_ping()
    calls = {
        "speedup": {},
        "speedup_since": {"since": "2026-10-01"},
        "advise": {"description": "Add a CRUD endpoint for customer addresses", "paths": ["src/api/addresses.py"]},
        "tasks": {"ai": True, "limit": 5},
        "tasks_category": {"category": "tests", "limit": 500},
        "explain_task": {"task": task_hint},
        "forecast": {
            "backlog": [
                {"id": "B-1", "title": "Add CRUD screens for invoices", "category": "crud", "estimate_hours": 6},
                {"id": "B-2", "title": "Fix race in the cache invalidation", "estimate_hours": 10, "ai": "no"},
            ],
            "runs": 2000,
            "seed": 7,
        },
        "review": {"since": "2026-10-01", "until": "2026-11-23", "limit": 5},
        "review_range": {"range": "--upload-pack=x"},
        "explain_missing": {"task": "no-such-task'; DROP TABLE task; --"},
        "tasks_bad": {"category": 42},
        "speedup_bad": {"since": "not a date"},
    }
    for label, arguments in calls.items():
        name = label.split("_")[0] if label not in ("explain_task", "explain_missing") else "explain_task"
        result = await session.call_tool(name, arguments)
        out["calls"][label] = result_dict(result)
    for uri in out["resources"]:
        read = await session.read_resource(uri)
        out["reads"][uri] = read.contents[0].text
    return out


async def main(binary, database, task_hint):
    params = StdioServerParameters(command=binary, args=["mcp", "--db", database])
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            out = await session_run(session, task_hint)
            out["protocolVersion"] = field(init, "protocol_version", "protocolVersion")
            out["serverName"] = field(init, "server_info", "serverInfo").name
    # The SDK's high-level client (2.x) first probes `server/discover` and falls back to `initialize`.
    try:
        from mcp import Client
    except ImportError:
        Client = None
    if Client is not None:
        async with Client(params) as client:
            tools = await client.list_tools()
            out["autoClient"] = {"protocolVersion": client.protocol_version, "tools": len(tools.tools)}
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3]))
