/*
 * The playground's chat: POST /api/chat and read its text/event-stream as it arrives (SPEC §8).
 * EventSource cannot POST or send headers, so the stream is read with fetch and parsed here.
 */
(function () {
    'use strict';

    function meta(name) {
        var element = document.querySelector('meta[name="' + name + '"]');
        return element ? element.content : '';
    }

    function el(id) {
        return document.getElementById(id);
    }

    /** One SSE event block ("event: x\ndata: {...}") as {name, data}; comments and keep-alives give null. */
    function parseEvent(block) {
        var name = 'message', data = [];
        block.split(/\r?\n/).forEach(function (line) {
            if (line.indexOf('event:') === 0) {
                name = line.slice(6).trim();
            } else if (line.indexOf('data:') === 0) {
                data.push(line.slice(5).replace(/^ /, ''));
            }
        });
        if (data.length === 0) {
            return null;
        }
        try {
            return {name: name, data: JSON.parse(data.join('\n'))};
        } catch (e) {
            return {name: name, data: {text: data.join('\n')}};
        }
    }

    function notice(text) {
        var item = document.createElement('div');
        item.className = 'lg-notice';
        item.textContent = text;
        el('pg-notices').appendChild(item);
    }

    function finish(state, text, isError) {
        var result = el('pg-result');
        result.setAttribute('data-state', state);
        var status = el('pg-status');
        status.textContent = text;
        status.className = isError ? 'lg-error' : 'lg-status';
        el('pg-send').disabled = false;
    }

    function send() {
        var homework = el('pg:homework_input') ? el('pg:homework_input').value : '';
        var message = el('pg:message').value.trim();
        if (!homework) {
            finish('error', 'Pick a homework first.', true);
            return;
        }
        if (!message) {
            finish('error', 'Type a message first.', true);
            return;
        }
        var names = JSON.parse(el('pg-config-names').textContent || '{}');
        var models = {};
        var ended = false;
        el('pg-answer').textContent = '';
        el('pg-notices').innerHTML = '';
        el('pg-result').setAttribute('data-state', 'streaming');
        el('pg-status').className = 'lg-status';
        el('pg-status').textContent = 'Sending…';
        el('pg-send').disabled = true;

        var handlers = {
            attempt: function (d) {
                models[d.configId] = d.model;
                el('pg-status').textContent = 'Asking ' + d.model + ' (' + d.provider + ')…';
            },
            fallback: function (d) {
                var from = names[d.fromConfigId] || models[d.fromConfigId] || ('config ' + d.fromConfigId);
                var to = names[d.toConfigId] || ('config ' + d.toConfigId);
                notice('Switched to backup model ' + to + ': ' + from + ' failed (' + d.errorClass + ')'
                    + (d.message ? ' — ' + d.message : ''));
            },
            delta: function (d) {
                el('pg-answer').textContent += d.text;
            },
            done: function (d) {
                ended = true;
                var usage = d.usage || {};
                finish('done', 'Answered by ' + d.model + ' (' + d.provider + ')'
                    + (d.hops > 0 ? ', fallback hop ' + d.hops : '')
                    + (usage.inputTokens != null ? ' · ' + usage.inputTokens + ' tokens in, ' + usage.outputTokens + ' out' : ''), false);
            },
            error: function (d) {
                ended = true;
                finish('error', 'No answer: ' + d.errorClass + ' — ' + d.message, true);
            }
        };

        fetch(meta('llmgate-api') + 'chat', {
            method: 'POST',
            credentials: 'same-origin',
            headers: {
                'Content-Type': 'application/json',
                'Accept': 'text/event-stream',
                'X-Llmgate-Csrf': meta('llmgate-csrf')
            },
            // a named student counts against per-student budgets (SPEC §11); empty is the shared student
            body: JSON.stringify({homeworkId: Number(homework), userId: (el('pg-student') && el('pg-student').value.trim()) || undefined,
                messages: [{role: 'user', content: message}]})
        }).then(function (response) {
            if (!response.ok) {
                return response.json().catch(function () {
                    return {};
                }).then(function (problem) {
                    ended = true;
                    finish('error', 'Refused: ' + (problem.detail || ('HTTP ' + response.status)), true);
                });
            }
            var reader = response.body.getReader();
            var decoder = new TextDecoder();
            var buffer = '';
            var separator = /\r?\n\r?\n/;

            function pump() {
                return reader.read().then(function (chunk) {
                    if (chunk.done) {
                        if (!ended) {
                            finish('error', 'The stream ended without an answer.', true);
                        }
                        return;
                    }
                    buffer += decoder.decode(chunk.value, {stream: true});
                    var match;
                    while ((match = separator.exec(buffer)) !== null) {
                        var event = parseEvent(buffer.slice(0, match.index));
                        buffer = buffer.slice(match.index + match[0].length);
                        if (event && handlers[event.name]) {
                            handlers[event.name](event.data);
                        }
                    }
                    return pump();
                });
            }

            return pump();
        }).catch(function (e) {
            finish('error', 'The connection failed: ' + e.message, true);
        });
    }

    window.llmgatePlayground = {send: send};
})();
