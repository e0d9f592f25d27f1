/**
 * Reads properties files with the JDK's own java.util.Properties, the way RocketMQ's BrokerStartup
 * loads broker.conf (Properties#load from a byte stream, so ISO-8859-1). A ten-line loader written
 * at test time and run with `java Loader.java` (single-file source launch): one JVM for many files.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOADER = `import java.io.*; import java.util.*;
public class Loader {
  public static void main(String[] args) throws Exception {
    for (File f : new File(args[0]).listFiles((d, n) -> n.endsWith(".properties"))) {
      Properties p = new Properties();
      try (InputStream in = new BufferedInputStream(new FileInputStream(f))) { p.load(in); }
      StringBuilder out = new StringBuilder();
      for (String k : new TreeSet<>(p.stringPropertyNames())) out.append(hex(k)).append(' ').append(hex(p.getProperty(k))).append('\\n');
      try (Writer w = new OutputStreamWriter(new FileOutputStream(f.getPath() + ".read"), "US-ASCII")) { w.write(out.toString()); }
    }
  }
  static String hex(String s) { StringBuilder b = new StringBuilder(); for (char c : s.toCharArray()) b.append(String.format("%04x", (int) c)); return b.toString(); }
}
`;

/** UTF-16 units as 4 hex digits each: survives any character, including lone surrogates. */
function unhex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 4) out += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
  return out;
}

/** Each file's content (written as UTF-8 bytes, as the renderer's files are) -> what Java reads. */
export function loadWithJava(files: readonly string[]): Record<string, string>[] {
  const dir = mkdtempSync(join(tmpdir(), 'java-properties-'));
  try {
    writeFileSync(join(dir, 'Loader.java'), LOADER);
    const data = join(dir, 'data');
    mkdirSync(data);
    files.forEach((content, i) => writeFileSync(join(data, `${i}.properties`), content, 'utf8'));
    execFileSync('java', [join(dir, 'Loader.java'), data], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 120_000,
    });
    return files.map((_, i) => {
      const read = readFileSync(join(data, `${i}.properties.read`), 'ascii');
      const entries: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const line of read.split('\n')) {
        if (line === '') continue;
        const [k = '', v = ''] = line.split(' ');
        entries[unhex(k)] = unhex(v);
      }
      return entries;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
