import { NodeSSH } from 'node-ssh';
import fs from 'fs';
const s = new NodeSSH();
await s.connect({host:'127.0.0.1',port:39222,username:'root',privateKey:fs.readFileSync('/tmp/tmp.GFgLd8Dp7A/c','utf8')});
s.connection.exec("sh -c 'echo $$ > /tmp/tmp.GFgLd8Dp7A/p; exec sleep 60'", (err, ch) => {
  ch.on('exit', (...a) => console.log('exit', a));
  ch.on('close', () => { console.log('closed'); s.dispose(); });
  ch.end();
  setTimeout(() => { ch._client._protocol.signal(ch.outgoing.id, 'KILL'); }, 2500);
});
