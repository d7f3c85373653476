import Foundation
import Ingestion
import Model
import Testing

/// No real Cline task folder is in the samples; these records follow FORMATS.md §5's real excerpts.
@Suite("Cline task folders")
struct ClineTaskReaderTests {
    static let uiMessages = #"""
        [
        {"ts":1770482470358,"type":"say","say":"task","text":"in my jiras->list UI add a button","modelInfo":{"providerId":"anthropic","modelId":"claude-opus-4-5-20251101","mode":"act"},"conversationHistoryIndex":-1},
        {"ts":1770482484435,"type":"say","say":"api_req_started","text":"{\"request\":\"<task>…</task>\\n<environment_details>\\n# Current Working Directory (d:/Users/me/jira-dashboard) Files\\nsrc/\\n</environment_details>\",\"tokensIn\":10,\"tokensOut\":275,\"cacheWrites\":5131,\"cacheReads\":6372,\"cost\":0.04217975}"},
        {"ts":1770482490000,"type":"say","say":"tool","text":"{\"tool\":\"editedExistingFile\",\"path\":\"src/modules/jira-details/JiraDetailsPanel.svelte\",\"content\":\"------- SEARCH\"}"},
        {"ts":1770482491000,"type":"say","say":"tool","text":"{\"tool\":\"readFile\",\"path\":\"src/other.ts\"}"},
        {"ts":1770482492000,"type":"say","say":"command_output","text":"[main 9f8e7d6] add button\n 1 file changed"},
        {"ts":1770482495000,"type":"say","say":"checkpoint_created","lastCheckpointHash":"bc36122","isCheckpointCheckedOut":false},
        "not an object",
        {"ts":1770482500000,"type":"say","say":"user_feedback","text":"click on new button does nothing"},
        {"ts":1770482510000,"type":"ask","ask":"completion_result","text":""}
        ]
        """#

    static let metadata = #"""
        {"files_in_context":[{"path":"src/app.ts","record_state":"active","record_source":"cline_edited","cline_read_date":null,"cline_edit_date":1770482499000,"user_edit_date":null},{"path":"src/read.ts","record_state":"active","record_source":"read_tool"}],
         "model_usage":[{"ts":1770482470358,"model_id":"claude-opus-4-5-20251101","model_provider_id":"anthropic","mode":"act"}],
         "environment_history":[{"ts":1770482470358,"os_name":"win32","cline_version":"3.57.1"}]}
        """#

    @Test("a task folder yields one session: prompts, usage, cwd, files, commit, model, version")
    func taskFolder() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let folder = "globalStorage/saoudrizwan.claude-dev/tasks/1770482470358"
        try scratch.write(folder + "/ui_messages.json", Self.uiMessages)
        try scratch.write(folder + "/task_metadata.json", Self.metadata)
        try scratch.write(
            folder + "/api_conversation_history.json",
            #"[{"role":"user","content":[{"type":"text","text":"<task>"}]},{"role":"assistant","content":[],"modelInfo":{"modelId":"claude-sonnet-4-5"}}]"#)
        let result = try ClineTaskReader.read(path: scratch.path + "/" + folder)
        #expect(result.malformedLines == 1)  // the string element
        let session = try result.session("1770482470358")
        #expect(session.tool == "cline")
        #expect(session.promptTexts == ["in my jiras->list UI add a button", "click on new button does nothing"])
        #expect(session.usage == [UsageRecord(key: "cline:1770482470358:1770482484435", input: 10, output: 275, cacheWrite: 5131, cacheRead: 6372)])
        #expect(session.workingDirectory == "d:/Users/me/jira-dashboard")
        #expect(session.filesEdited == ["src/app.ts", "src/modules/jira-details/JiraDetailsPanel.svelte"])
        #expect(session.commits == ["9f8e7d6"])
        #expect(session.models == ["claude-opus-4-5-20251101", "claude-sonnet-4-5"])
        #expect(session.toolVersion == "3.57.1")
        #expect(session.eventTimes.first == 1_770_482_470_358 && session.eventTimes.last == 1_770_482_510_000)
        #expect(SessionLogFormat.detect(path: scratch.path + "/" + folder) == .clineTask)
        #expect(SessionLogFormat.detect(path: scratch.path + "/" + folder + "/ui_messages.json") == .clineTask)
        let viaFile = try SessionLogReader.read(path: scratch.path + "/" + folder + "/ui_messages.json")
        #expect(viaFile.sessions.map(\.id) == ["1770482470358"])
    }

    @Test("a task of Roo Code or Kilo Code (Cline's layout) is named after the fork its storage folder names; any other, cline", arguments: [
        ("Code/User/globalStorage/rooveterinaryinc.roo-cline/tasks/7", "roo-code"),
        ("VSCodium/User/globalStorage/kilocode.kilo-code/tasks/7", "kilo-code"),
        ("Code/User/globalStorage/saoudrizwan.claude-dev/tasks/7", "cline"),
        (".cline/data/tasks/7", "cline"),
        ("copied/rooveterinaryinc.roo-cline-notes/7", "cline"),
    ])
    func forks(folder: String, tool: String) throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try scratch.write(folder + "/ui_messages.json", Self.uiMessages)
        let result = try SessionLogReader.read(path: scratch.path + "/" + folder)
        #expect(result.sessions.map(\.tool) == [tool])
    }
}
