"""Hand-applied forecast mutants the `--survivors` rerun cannot regenerate (Stryker's block and
template mutants span several lines; the rerun mutates single lines) or that new tests target:
each is applied to a copy of lib/ under out/manual/, the forecast tests run, and the verdict is
printed (KILLED = a test failed). Two equivalent mutants are controls that must survive.
Run from anywhere: python3 tools/mutate/forecast_manual_check.py"""
import subprocess, shutil, os, sys
root=os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
sb=root+'/out/manual'
M=[
 ("forecast_fit.ts","64:15 BlockStatement","""  } catch (e) {
    return { reason: (e as Error).message.split("\\n")[0] };
  }""","  } catch (e) {}"),
 ("forecast_config.ts","118:90 BlockStatement","""bounds.min > bounds.max) {
      fail(file, `${where}.min (${bounds.min}) is above ${where}.max (${bounds.max})`);
    }""","bounds.min > bounds.max) {}"),
 ("forecast_config.ts","134:71 BlockStatement","""raw.hold === true) {
      return { rule: "hold", ...bounds };
    }""","raw.hold === true) {}"),
 ("forecast_config.ts","199:28 BlockStatement","""  if (trainFrom >= cutoff) {
    fail(file, `"forecast.trainFrom" (${trainFrom}) must be before "forecast.cutoff" (${cutoff})`);
  }""","  if (trainFrom >= cutoff) {}"),
 ("forecast_config.ts","203:32 BlockStatement","""  if (r.rolling !== undefined) {
    if (!Array.isArray(r.rolling) || r.rolling.length === 0) {
      fail(file, '"forecast.rolling" must be a non-empty list of years');
    }
    rolling = r.rolling.map((y, i) => year(file, `"forecast.rolling[${i}]"`, y));
  }""","  if (r.rolling !== undefined) {}"),
 ("forecast_config.ts","204:62 BlockStatement","""r.rolling.length === 0) {
      fail(file, '"forecast.rolling" must be a non-empty list of years');
    }""","r.rolling.length === 0) {}"),
 ("forecast_config.ts","211:84 BlockStatement","""r.actual === "")) {
    fail(file, '"forecast.actual" must be a panel variable name');
  }""",'r.actual === "")) {}'),
 ("forecast_config.ts","271:28 BlockStatement","""  if (!vars.has(f.actual)) {
    fail(file, `"forecast.actual": unknown variable "${f.actual}" (not a panel variable)`);
  }""","  if (!vars.has(f.actual)) {}"),
 ("forecast_config.ts","283:39 BlockStatement","""        if (!(v in study.regressors)) {
          fail(
            file,
            `${where}${at}: "${v}" is not a regressor of the study (${
              Object.keys(study.regressors).join(", ")
            })`,
          );
        }""","        if (!(v in study.regressors)) {}"),
 ("forecast_config.ts","286:13 StringLiteral","""            `${where}${at}: "${v}" is not a regressor of the study (${
              Object.keys(study.regressors).join(", ")
            })`,""","            ``,"),
 ("forecast_config.ts","126:9 ConditionalExpression",'if (keys.length === 1 && keys[0] === "value")','if (true && keys[0] === "value")'),
 ("forecast_config.ts","129:9 ConditionalExpression",'if (keys.length === 1 && keys[0] === "trend")','if (true && keys[0] === "trend")'),
 ("forecast_config.ts","134:9 ConditionalExpression (a)",'if (keys.length === 1 && keys[0] === "hold" && raw.hold === true)','if (true && keys[0] === "hold" && raw.hold === true)'),
 ("forecast_config.ts","134:9 ConditionalExpression (b)",'if (keys.length === 1 && keys[0] === "hold" && raw.hold === true)','if (true && raw.hold === true)'),
 ("forecast_config.ts","134:9 LogicalOperator",'if (keys.length === 1 && keys[0] === "hold" && raw.hold === true)','if ((keys.length === 1 || keys[0] === "hold") && raw.hold === true)'),
 ("forecast_fit.ts","62:7 ObjectLiteral (control, equivalent: must survive)","{ intercept: true },","{},"),
 ("forecast_config.ts","90:7 ConditionalExpression (control, equivalent: must survive)",'if (typeof v !== "number" || !Number.isFinite(v))','if (false || !Number.isFinite(v))'),
 ("forecast_config.ts","164:11 ConditionalExpression",'name: typeof raw.name === "string" && raw.name ?','name: true && raw.name ?'),
 ("forecast_config.ts","291:13 ConditionalExpression",'if (rule.rule === "value" && study.regressors[v] && !(rule.value > 0))','if (true && study.regressors[v] && !(rule.value > 0))'),
]
if os.path.exists(sb): shutil.rmtree(sb)
os.makedirs(sb)
for d in ['lib','tests','data']: shutil.copytree(f'{root}/{d}', f'{sb}/{d}')
for f in ['deno.json','deno.lock','README.md']: shutil.copy(f'{root}/{f}', f'{sb}/{f}')
# the tests read ../shared relative to the repo root: out/shared -> link not needed for these tests
tests=['tests/gravity/forecast/validate_test.ts','tests/gravity/forecast/naive_test.ts','tests/gravity/forecast/fit_test.ts','tests/gravity/forecast/scenario_test.ts','tests/gravity/forecast/k_projection_test.ts','tests/gravity/config/forecast_test.ts','tests/gravity/forecast/run_test.ts','tests/gravity/forecast/forecast_test.ts']
for f,name,old,new in M:
    path=f'{sb}/lib/gravity/{f}'
    orig=open(path).read()
    assert orig.count(old)==1,(name,orig.count(old))
    open(path,'w').write(orig.replace(old,new))
    r=subprocess.run('NO_COLOR=1 deno test --no-check --fail-fast --allow-read --allow-write=out --allow-run --allow-env '+' '.join(tests),shell=True,cwd=sb,capture_output=True,text=True)
    print(f'{f} {name}: {"KILLED" if r.returncode else "SURVIVED"}', flush=True)
    open(path,'w').write(orig)
shutil.rmtree(sb)
